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
import org.xai4j.explain.gradient.LayerAttributionOptions;
import org.xai4j.explain.gradient.LayerConductance;
import org.xai4j.explain.gradient.LayerIntegratedGradients;
import org.xai4j.explain.gradient.NeuronAttributionOptions;
import org.xai4j.explain.gradient.NeuronConductance;
import org.xai4j.explain.gradient.NeuronDeepLift;
import org.xai4j.explain.gradient.NeuronFeatureAblation;
import org.xai4j.explain.gradient.NeuronGradient;
import org.xai4j.explain.gradient.NeuronGradientShap;
import org.xai4j.explain.gradient.NeuronIntegratedGradients;

/**
 * Issue 14's speed point, beside bench/scripts/captum_layer_neuron.py (Captum 0.7 on the same weights and
 * inputs): layer integrated gradients and layer conductance (50 steps, Gauss-Legendre, zero baseline) on
 * ResNet-18's layer3 output ({@code /layer3/layer3.1/relu_1/Relu_output_0}, what Captum's hook on
 * {@code model.layer3} sees) at 4x3x64x64; the neuron methods on the iris-sized MLP (6x4), unit 3 of the
 * first ReLU ({@code /1/Relu_output_0}, Captum's {@code model[1]}). 2 worker threads. Inputs are
 * {@code new Random(0).nextFloat()} in order (the script draws the same), targets the model's argmax.
 *
 * <p>The batch size is Captum's: with {@code internal_batch_size=None} it runs every (row, step) point of
 * a call in one pass (200 for layer IG, 204 for conductance's 51 points, 300 for the neuron paths), so the
 * benchmarks do too ({@code --batch-size}). JVM flags as {@link ExplainBench} (huge pages, a pre-touched
 * heap) for the same reasons.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch",
        "-XX:+UseTransparentHugePages"})
public class LayerAttributionBench {
    static final int STEPS = 50;

    static Model load(String name) {
        Path file = Path.of("bench/models", name + ".onnx");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run /usr/bin/python3 bench/scripts/export_models.py from the repository root");
        }
        try {
            return OnnxModelLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tensor randomInput(int... shape) {
        Tensor t = Tensor.zeros(shape);
        Random r = new Random(0);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat();
        return t;
    }

    /** ResNet-18 at 4x3x64x64 and its layer3. */
    @State(Scope.Benchmark)
    public static class ResNet {
        static final String LAYER3 = "/layer3/layer3.1/relu_1/Relu_output_0";

        @Param({"2"})
        int threads;

        /** Points per pass; 0: all of a call's (Captum's internal_batch_size=None). */
        @Param({"0"})
        int batch;

        Model net;
        Tensor x;
        int[] targets;
        LayerIntegratedGradients layerIg;
        LayerConductance conductance;

        @Setup(Level.Trial)
        public void setup() {
            Parallel.setThreads(threads);
            net = load("resnet18_64");
            x = randomInput(4, 3, 64, 64);
            targets = Targets.resolve(net, x, null);
            int rows = x.size(0);
            layerIg = new LayerIntegratedGradients(
                    new LayerAttributionOptions(LAYER3, false, STEPS, Integration.GAUSS_LEGENDRE, null, batch > 0 ? batch : STEPS * rows));
            conductance = new LayerConductance(
                    new LayerAttributionOptions(LAYER3, false, STEPS, Integration.GAUSS_LEGENDRE, null, batch > 0 ? batch : (STEPS + 1) * rows));
        }
    }

    /** The iris-sized MLP at 6x4 and unit 3 of its first ReLU. */
    @State(Scope.Benchmark)
    public static class Mlp {
        static final String LAYER = "/1/Relu_output_0";

        @Param({"2"})
        int threads;

        Model net;
        Tensor x;
        int[] targets;
        NeuronGradient gradient, guided, deconvolution;
        NeuronIntegratedGradients integratedGradients;
        NeuronConductance conductance;
        NeuronDeepLift deepLift;
        NeuronGradientShap gradientShap;
        NeuronFeatureAblation featureAblation;

        @Setup(Level.Trial)
        public void setup() {
            Parallel.setThreads(threads);
            net = load("iris_mlp");
            x = randomInput(6, 4);
            targets = Targets.resolve(net, x, null);
            int all = STEPS * x.size(0);
            NeuronAttributionOptions gl = new NeuronAttributionOptions(LAYER, new int[] {3}, STEPS, Integration.GAUSS_LEGENDRE, null, all);
            // Captum's NeuronConductance integrates with riemann_trapezoid by default
            NeuronAttributionOptions trapezoid = new NeuronAttributionOptions(LAYER, new int[] {3}, STEPS, Integration.RIEMANN_TRAPEZOID,
                    null, all);
            gradient = new NeuronGradient(gl);
            guided = NeuronGradient.guidedBackprop(gl);
            deconvolution = NeuronGradient.deconvolution(gl);
            integratedGradients = new NeuronIntegratedGradients(gl);
            conductance = new NeuronConductance(trapezoid);
            deepLift = new NeuronDeepLift(gl);
            gradientShap = new NeuronGradientShap(new NeuronGradientShap.Options(gl, null, 5, 0f, 0L));
            featureAblation = new NeuronFeatureAblation(gl);
        }
    }

    @Benchmark
    public Tensor layerIntegratedGradients50(ResNet s) {
        return s.layerIg.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor layerConductance50(ResNet s) {
        return s.conductance.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronGradient(Mlp s) {
        return s.gradient.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronIntegratedGradients50(Mlp s) {
        return s.integratedGradients.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronConductance50(Mlp s) {
        return s.conductance.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronDeepLift(Mlp s) {
        return s.deepLift.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronGradientShap(Mlp s) {
        return s.gradientShap.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronGuidedBackprop(Mlp s) {
        return s.guided.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronDeconvolution(Mlp s) {
        return s.deconvolution.attribute(s.net, s.x, s.targets);
    }

    @Benchmark
    public Tensor neuronFeatureAblation(Mlp s) {
        return s.featureAblation.attribute(s.net, s.x, s.targets);
    }
}
