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
import org.openjdk.jmh.annotations.Level;
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
import org.xai4j.explain.gradient.Integration;
import org.xai4j.explain.gradient.IntegratedGradients;
import org.xai4j.explain.gradient.Saliency;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.Occlusion;
import org.xai4j.explain.perturbation.OcclusionOptions;
import org.xai4j.explain.shapley.KernelShap;
import org.xai4j.explain.shapley.KernelShapOptions;

/**
 * The explanation workloads of ../shared/anchors/pytorch_baseline.py, on the same architectures
 * exported to ONNX by bench/scripts/export_models.py (run it first; the files are not committed),
 * 2 worker threads: saliency and IG-50 (all steps of a row in one batch, as the anchor does) for the
 * iris-sized MLP (6x4), the small image CNN (2x3x32x32) and ResNet-18 (4x3x64x64); occlusion with a
 * 3x16x16 window, stride 8, 16 perturbations per forward (the anchor's per_eval); KernelSHAP with 2048
 * samples on the MLP (bench/scripts/torch_kernel_shap.py is its PyTorch twin).
 *
 * <p>The heap is backed by transparent huge pages ({@code -XX:+UseTransparentHugePages}; the kernel
 * here has THP in "madvise" mode, so the JVM must ask): the convolutions stream tens of megabytes of
 * transformed weights and blocks per pass, and with 4 KiB pages ResNet-18 occlusion ran at 300 or at
 * 450 ms depending on the JVM (where its buffers happened to land), with huge pages at 270-290. The heap
 * is committed and touched up front ({@code -Xms8g -XX:+AlwaysPreTouch}), as a long-running service
 * would have it: while the heap grew, whole iterations ran 25-40 % slower in page faults and 4 KiB pages
 * (ResNet-18 integrated gradients between 500 and 750 ms within one run), which PyTorch's caching
 * allocator does not pay either.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch",
        "-XX:+UseTransparentHugePages"})
public class ExplainBench {
    @Param({"iris_mlp", "image_cnn", "resnet18_64"})
    String model;

    @Param({"2"})
    int threads;

    Model net;
    Tensor x;
    int[] targets;
    Saliency saliency;
    IntegratedGradients ig;
    Occlusion occlusion;
    KernelShap kernelShap;

    @Setup(Level.Trial)
    public void setup() {
        Parallel.setThreads(threads);
        Path file = Path.of("bench/models", model + ".onnx");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run /usr/bin/python3 bench/scripts/export_models.py from the repository root");
        }
        try {
            net = OnnxModelLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] shape = switch (model) {
            case "iris_mlp" -> new int[] {6, 4};
            case "image_cnn" -> new int[] {2, 3, 32, 32};
            default -> new int[] {4, 3, 64, 64};
        };
        Tensor t = Tensor.zeros(shape);
        Random r = new Random(0);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        x = t;
        targets = Targets.resolve(net, x, null);
        saliency = new Saliency();
        // the anchor's IG: 50 steps, one row's steps per batch; for the tiny MLP all 300 points go in one
        // batch (--batch-size 300), since per-pass overhead, not arithmetic, is what costs there
        int rows = shape[0];
        int igBatch = model.equals("iris_mlp") ? 50 * rows : 50;
        ig = new IntegratedGradients(new IntegratedGradients.Options(50, Integration.RIEMANN_TRAPEZOID, null, igBatch));
        occlusion = shape.length == 4
                ? new Occlusion(new OcclusionOptions(new int[] {3, 16, 16}, new int[] {3, 8, 8}, Baseline.ZERO, 16 * rows))
                : null;
        kernelShap = new KernelShap(new KernelShapOptions(null, null, null, 2048, 0L, 2048));
    }

    @Benchmark
    public Tensor saliency() {
        return saliency.attribute(net, x, targets);
    }

    @Benchmark
    public Tensor integratedGradients50() {
        return ig.attribute(net, x, targets);
    }

    @Benchmark
    public Tensor occlusion() {
        if (occlusion == null) return x; // the anchor runs occlusion on images only
        return occlusion.attribute(net, x, targets);
    }

    @Benchmark
    public Tensor kernelShap2048() {
        if (!model.equals("iris_mlp")) return x; // tabular only
        return kernelShap.attribute(net, x, targets);
    }
}
