package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.engine.io.onnx.ModelSpec.Attr;
import static org.xai4j.engine.io.onnx.ModelSpec.Init;
import static org.xai4j.engine.io.onnx.ModelSpec.Node;
import static org.xai4j.engine.io.onnx.ModelSpec.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * The recorded {@link OnnxGraphModel#forward} runs a Relu that a MaxPool alone reads as the pooling, then the
 * ReLU on the pooled values: the same outputs and input gradients, bit for bit, as the node-by-node run, on
 * windows with ties, non-positive windows, signed zeros and NaN; in the graph's order where a method's own
 * backward rule or an override is in force.
 */
class ReluPoolOrderTest {
    @TempDir
    Path dir;

    /** x (N, 2, 6, 6) -> Conv 3x3 -> Relu -> MaxPool (2x2 stride 2, or 3x3 stride 2 padded, ceil) -> y. */
    private OnnxGraphModel model(boolean stemLike) throws IOException {
        ModelSpec m = new ModelSpec();
        m.inputs.add(new Value("x", OnnxTensor.FLOAT, OpModels.BATCH, 2, 6, 6));
        m.outputs.add(new Value("y", OnnxTensor.FLOAT, (long[]) null));
        Random r = new Random(5);
        float[] w = new float[3 * 2 * 9];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        // filter 2 passes the input's channel 0 through unchanged (its centre tap 1): planted ties and zeros survive
        java.util.Arrays.fill(w, 2 * 18, 3 * 18, 0f);
        w[2 * 18 + 4] = 1f;
        m.initializers.add(Init.floats("w", new long[] {3, 2, 3, 3}, w));
        m.initializers.add(Init.floats("b", new long[] {3}, 0.1f, -0.2f, 0f));
        m.nodes.add(new Node("Conv", "conv", List.of("x", "w", "b"), List.of("c")).attr(Attr.ints("kernel_shape", 3, 3))
                .attr(Attr.ints("pads", 1, 1, 1, 1)));
        m.nodes.add(new Node("Relu", "relu", List.of("c"), List.of("r")));
        Node pool = stemLike
                ? new Node("MaxPool", "pool", List.of("r"), List.of("y")).attr(Attr.ints("kernel_shape", 3, 3))
                        .attr(Attr.ints("strides", 2, 2)).attr(Attr.ints("pads", 1, 1, 1, 1)).attr(Attr.i("ceil_mode", 1))
                : new Node("MaxPool", "pool", List.of("r"), List.of("y")).attr(Attr.ints("kernel_shape", 2, 2))
                        .attr(Attr.ints("strides", 2, 2));
        m.nodes.add(pool);
        Path file = dir.resolve((stemLike ? "stem" : "pool") + ".onnx");
        Files.write(file, m.encode());
        return OnnxModelLoader.load(file);
    }

    /** Gaussian values with, in channel 0, windows of equal positive values, of zeros and -0, all negative, and one NaN. */
    private static Tensor input(boolean withNaN) {
        Random r = new Random(9);
        float[] x = new float[3 * 2 * 36];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] planted = {0.5f, 0.5f, 0.5f, 0.5f, 0f, -0f, 0f, -0f, -1f, -2f, -0.5f, -3f};
        for (int i = 0; i < planted.length; i++) x[(i / 2) * 6 + (i % 2)] = planted[i];
        for (int i = 0; i < 6; i++) x[36 * 2 + i * 7] = 1.25f; // image 1: ties along a diagonal
        if (withNaN) x[2 * 72 + 14] = Float.NaN;
        return Tensor.of(x, 3, 2, 6, 6);
    }

    private static float[][] outputAndGradient(OnnxGraphModel m, Tensor x, boolean viaForward) {
        try (GradMode.Scope g = GradMode.enableGrad()) {
            Tensor leaf = x.detach().requiresGrad(true);
            Tensor y = viaForward ? m.forward(leaf) : m.run(List.of(leaf), RunOptions.INFERENCE).output(0);
            float[] seed = new float[y.numel()];
            for (int i = 0; i < seed.length; i++) seed[i] = (i % 7) - 3; // gradients of both signs
            return new float[][] {y.toArray(), Gradients.grad(y, Tensor.of(seed, y.shape()), leaf)[0].toArray()};
        }
    }

    @Test
    void theBitsOfTheNodeByNodeRunOnTiesZerosNegativesAndNaN() throws IOException {
        for (boolean stemLike : new boolean[] {false, true}) {
            OnnxGraphModel m = model(stemLike);
            for (boolean withNaN : new boolean[] {false, true}) {
                Tensor x = input(withNaN);
                float[][] plain = outputAndGradient(m, x, false), reordered = outputAndGradient(m, x, true);
                String at = (stemLike ? "3x3 padded" : "2x2") + (withNaN ? ", NaN" : "");
                assertArrayEquals(plain[0], reordered[0], "output, " + at);
                assertArrayEquals(plain[1], reordered[1], "input gradient, " + at);
                double norm = 0;
                for (float v : plain[1]) if (!Float.isNaN(v)) norm += v * v;
                assertTrue(norm > 0, "a gradient that is not zero, " + at);
            }
        }
    }

    @Test
    void theReluRunsOnThePooledValues() throws IOException {
        OnnxGraphModel m = model(false);
        Tensor x = input(false);
        // 3 images x 3 channels x 6 x 6 before the pooling, 3 x 3 x 3 x 3 after
        assertEquals(List.of(324), ReluPasses.sizes(() -> outputAndGradient(m, x, false)));
        assertEquals(List.of(81), ReluPasses.sizes(() -> outputAndGradient(m, x, true)));
    }

    @Test
    void aMethodsOwnRuleOrAnOverrideKeepsTheGraphsOrder() throws IOException {
        OnnxGraphModel m = model(false);
        Tensor x = input(false);
        // Captum's deconvolution rule (ReLU of the incoming gradient) differs where a window is not positive
        try (GradMode.Scope rule = Gradients.override(OpType.RELU, (node, g, needs) -> new Tensor[] {Ops.relu(g)})) {
            // the forward ReLU and the rule's on the incoming gradient, both before the pooling
            assertEquals(List.of(324, 324), ReluPasses.sizes(() -> outputAndGradient(m, x, true)));
            assertArrayEquals(outputAndGradient(m, x, false)[1], outputAndGradient(m, x, true)[1]);
        }
        try (ActivationOverride o = ActivationOverride.replace("r", h -> Ops.affine(h, 2f, 0f))) {
            float[][] plain = outputAndGradient(m, x, false), viaForward = outputAndGradient(m, x, true);
            assertArrayEquals(plain[0], viaForward[0]);
            assertArrayEquals(plain[1], viaForward[1]);
            assertTrue(o.applied());
        }
    }
}
