package org.xai4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Targets;
import org.xai4j.explain.lime.Lime;
import org.xai4j.explain.lime.LimeOptions;
import org.xai4j.explain.shapley.KernelShap;
import org.xai4j.explain.shapley.KernelShapOptions;

/**
 * KernelSHAP and LIME end to end with their defaults on the small image CNN (2 rows of 3x32x32, every
 * element a feature: 3,072 per row), the workload of issue 17: KernelSHAP's automatic count (2·3,072 +
 * 2,048 = 8,192 coalitions per row, 16,384 forward passes and a 3,071-unknown weighted least-squares fit
 * per row), LIME's 1,000 on/off samples and a ridge fit in the dual form. {@link LeastSquaresBench} times
 * the fits alone beside numpy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms4g", "-Xmx4g", "-XX:+UseTransparentHugePages"})
public class SurrogateBench {
    @Param({"2"})
    int threads;

    Model net;
    Tensor x;
    int[] targets;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        Path file = Path.of("bench/models/image_cnn.onnx");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run /usr/bin/python3 bench/scripts/export_models.py from the repository root");
        }
        try {
            net = OnnxModelLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        x = Tensor.zeros(2, 3, 32, 32);
        Random r = new Random(0);
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        targets = Targets.resolve(net, x, null);
    }

    @Benchmark
    public Tensor kernelShapDefaults() {
        return new KernelShap(new KernelShapOptions()).attribute(net, x, targets);
    }

    @Benchmark
    public Tensor limeDefaults() {
        return new Lime(new LimeOptions()).attribute(net, x, targets);
    }
}
