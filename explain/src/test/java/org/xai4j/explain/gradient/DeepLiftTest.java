package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

class DeepLiftTest {
    static Tensor col(Tensor x, int c) {
        return Ops.slice(x, 1, c, c + 1, 1);
    }

    /** Captum ReLUDeepLiftModel with x3 = 2 fixed: f = 2·ReLU(x1) + 2·ReLU(x2 − 1.5). */
    static final FunctionModel RELU_MODEL = new FunctionModel((x, n) ->
            Ops.add(Ops.scale(Ops.relu(col(x, 0)), 2f), Ops.scale(Ops.relu(Ops.addScalar(col(x, 1), -1.5f)), 2f)));
    /** Captum TanhDeepLiftModel: f = 2·tanh(x1) + 2·tanh(x2 − 1.5). */
    static final FunctionModel TANH_MODEL = new FunctionModel((x, n) ->
            Ops.add(Ops.scale(Ops.tanh(col(x, 0)), 2f), Ops.scale(Ops.tanh(Ops.addScalar(col(x, 1), -1.5f)), 2f)));
    static final FunctionModel SIGMOID_MODEL = new FunctionModel((x, n) ->
            Ops.add(Ops.scale(Ops.sigmoid(col(x, 0)), 3f), Ops.sigmoid(Ops.scale(col(x, 1), -1f))));

    @Test
    void captumReluModelKnownAnswer() {
        // captum tests/attr/test_deeplift_basic.py: x = (1, 2), b = 0 -> (2.0, 1.0), delta 0 exactly
        AttributionWithDelta r = new DeepLift().attributeWithDelta(RELU_MODEL, Tensor.of(new float[] {1, 2}, 1, 2), new int[] {0});
        assertArrayEquals(new float[] {2f, 1f}, r.attributions().toArray());
        assertEquals(0f, r.delta()[0]);
    }

    @Test
    void tanhAndSigmoidMultipliersAreSecantSlopes() {
        // one nonlinearity per path: attr_i = c·(σ(x_i) − σ(b_i)) exactly
        Tensor x = Tensor.of(new float[] {1, 2, -0.5f, 0.25f}, 2, 2);
        float[] t = new DeepLift().attribute(TANH_MODEL, x, new int[] {0}).toArray();
        assertEquals(2 * Math.tanh(1), t[0], 1e-6);
        assertEquals(2 * (Math.tanh(0.5) - Math.tanh(-1.5)), t[1], 1e-6);
        assertEquals(2 * Math.tanh(-0.5), t[2], 1e-6);
        assertEquals(2 * (Math.tanh(-1.25) - Math.tanh(-1.5)), t[3], 1e-6);
        float[] s = new DeepLift().attribute(SIGMOID_MODEL, x, new int[] {0}).toArray();
        assertEquals(3 * (sig(1) - 0.5), s[0], 1e-6);
        assertEquals(sig(-2) - 0.5, s[1], 1e-6);
        // x == baseline in a coordinate: the eps fallback uses the plain gradient, times Δx = 0
        float[] z = new DeepLift().attribute(TANH_MODEL, Tensor.of(new float[] {0, 3}, 1, 2), new int[] {0}).toArray();
        assertEquals(0f, z[0]);
    }

    static double sig(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void maxPoolRuleByHand() {
        // one window of two: with m = max(y, y_ref), g(m − y_ref) goes to x's argmax and g(y − m) to the
        // baseline's argmax, then divided by Δx.
        FunctionModel pool = new FunctionModel((x, n) -> Ops.flatten(Ops.maxPool(x, new int[] {2}, new int[] {2}, new int[] {0}, new int[] {0},
                new int[] {1}, false), 1));
        Tensor x = Tensor.of(new float[] {1, 3}, 1, 1, 2);
        // b = (2, 0): y = 3, y_ref = 2, m = 3 -> 1 to x's argmax (index 1); attr = (0, 1)
        assertArrayEquals(new float[] {0, 1}, new DeepLift(DeepLift.Options.defaults().withBaseline(Baseline.of(Tensor.of(new float[] {2, 0}, 1, 1, 2))))
                .attribute(pool, x, new int[] {0}).toArray(), 1e-6f);
        // b = (5, 0): y = 3, y_ref = 5, m = 5 -> −2 to the baseline's argmax (index 0), Δx = −4: attr = (−2, 0)
        assertArrayEquals(new float[] {-2, 0}, new DeepLift(DeepLift.Options.defaults().withBaseline(Baseline.of(Tensor.of(new float[] {5, 0}, 1, 1, 2))))
                .attribute(pool, x, new int[] {0}).toArray(), 1e-6f);
    }

    @Test
    void summationToDelta() {
        Object[][] cases = {
                {Fixtures.model("iris_mlp"), Fixtures.tensor("iris_mlp", "input.npy")},
                {Fixtures.model("dna_cnn"), Fixtures.tensor("dna_cnn", "input.npy")},   // ReLU, max pool, sigmoid
                {Fixtures.model("image_cnn"), Fixtures.tensor("image_cnn", "input.npy")},
                {TestModels.tanhMlp(4, 16, 3, 5), TestModels.normal(3, 0, 6, 4)},
        };
        for (Object[] c : cases) {
            org.xai4j.engine.nn.Model model = (org.xai4j.engine.nn.Model) c[0];
            Tensor x = (Tensor) c[1];
            int[] t = GradientSupport.targets(model, x, null, 64);
            AttributionWithDelta r = new DeepLift().attributeWithDelta(model, x, t);
            float[] fx = GradientSupport.scores(model, x, t), fb = GradientSupport.scores(model, Tensor.zeros(x.shape()), t);
            for (int i = 0; i < t.length; i++) {
                double gap = Math.abs(fx[i] - fb[i]);
                assertTrue(Math.abs(r.delta()[i]) <= 1e-5 * Math.max(1, gap), "row " + i + " delta " + r.delta()[i]);
            }
        }
    }

    @Test
    void reusedReluOpObject() {
        Op shared = Ops.relu(Tensor.zeros(1).requiresGrad(true)).gradFn().op();
        FunctionModel reused = ConvNetOneConv.model(t -> shared.apply(t));
        Tensor x = TestModels.scaled(TestModels.normal(4, 0, 1, 1, 4, 4), 30f);
        Tensor b = TestModels.scaled(TestModels.normal(4, 1, 1, 1, 4, 4), 5f);
        DeepLift dl = new DeepLift(DeepLift.Options.defaults().withBaseline(Baseline.of(b)));
        AttributionWithDelta r = dl.attributeWithDelta(reused, x, new int[] {0});
        assertArrayEquals(dl.attribute(ConvNetOneConv.model(), x, new int[] {0}).toArray(), r.attributions().toArray());
        assertEquals(0, r.delta()[0], 1e-4);
    }

    @Test
    void captumFixture() {
        Fixtures.assertClose("iris_mlp deeplift", new DeepLift().attribute(Fixtures.model("iris_mlp"), Fixtures.tensor("iris_mlp", "input.npy"),
                Fixtures.targets("iris_mlp")), Fixtures.tensor("iris_mlp", "expected_deeplift.npy"));
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        OnnxGraphModel dna = Fixtures.model("dna_cnn");
        Tensor x = Fixtures.tensor("dna_cnn", "input.npy");
        float[] ref = new DeepLift(DeepLift.Options.defaults().withBatchSize(1)).attribute(dna, x, null).toArray();
        for (int b : new int[] {2, 3, 8}) {
            assertArrayEquals(ref, new DeepLift(DeepLift.Options.defaults().withBatchSize(b)).attribute(dna, x, null).toArray(), "batch " + b);
        }
    }
}
