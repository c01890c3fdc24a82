package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

class IntegratedGradientsTest {
    static Tensor col(Tensor x, int c) {
        return Ops.slice(x, 1, c, c + 1, 1);
    }

    /** Captum BasicModel2: f = ReLU(ReLU(x1) − 1 − ReLU(x2)), both inputs as the columns of one (N, 2) input. */
    static final FunctionModel BASIC2 = new FunctionModel((x, n) ->
            Ops.relu(Ops.sub(Ops.addScalar(Ops.relu(col(x, 0)), -1f), Ops.relu(col(x, 1)))));
    /** Captum BasicModel3: f = ReLU(ReLU(x1 − 1) − ReLU(x2)). */
    static final FunctionModel BASIC3 = new FunctionModel((x, n) ->
            Ops.relu(Ops.sub(Ops.relu(Ops.addScalar(col(x, 0), -1f)), Ops.relu(col(x, 1)))));

    static final float[] W = {0.5f, -2f, 3f};
    static final FunctionModel LINEAR = new FunctionModel((x, n) -> Ops.addScalar(Ops.matmul(x, Tensor.of(W.clone(), 3, 1)), 0.25f));

    @Test
    void riemannPointsAndWeightsAreCaptums() {
        // captum tests/attr/test_approximation_methods.py
        double e = 1e-7;
        assertArrayEquals(new double[] {0, .5}, Integration.RIEMANN_LEFT.alphas(2), e);
        assertArrayEquals(new double[] {.5, 1}, Integration.RIEMANN_RIGHT.alphas(2), e);
        assertArrayEquals(new double[] {.25, .75}, Integration.RIEMANN_MIDDLE.alphas(2), e);
        assertArrayEquals(new double[] {0, 1}, Integration.RIEMANN_TRAPEZOID.alphas(2), e);
        assertArrayEquals(new double[] {.5, .5}, Integration.RIEMANN_LEFT.weights(2), e);
        assertArrayEquals(new double[] {.25, .25}, Integration.RIEMANN_TRAPEZOID.weights(2), e);
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0}, Integration.RIEMANN_LEFT.alphas(3), e);
        assertArrayEquals(new double[] {1 / 6.0, .5, 5 / 6.0}, Integration.RIEMANN_MIDDLE.alphas(3), e);
        assertArrayEquals(new double[] {0, .5, 1}, Integration.RIEMANN_TRAPEZOID.alphas(3), e);
        assertArrayEquals(new double[] {1 / 6.0, 1 / 3.0, 1 / 6.0}, Integration.RIEMANN_TRAPEZOID.weights(3), e);
        assertArrayEquals(new double[] {.125, .375, .625, .875}, Integration.RIEMANN_MIDDLE.alphas(4), e);
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0, 1}, Integration.RIEMANN_TRAPEZOID.alphas(4), e);
        assertArrayEquals(new double[] {.125, .25, .25, .125}, Integration.RIEMANN_TRAPEZOID.weights(4), e);
        assertThrows(IllegalArgumentException.class, () -> Integration.RIEMANN_LEFT.alphas(1));
        assertEquals(Integration.RIEMANN_TRAPEZOID, Integration.parse("riemann_trapezoid"));
    }

    @Test
    void gaussLegendreNodesAndWeights() {
        double r = 1 / Math.sqrt(3);
        assertArrayEquals(new double[] {0.5 * (1 - r), 0.5 * (1 + r)}, Integration.GAUSS_LEGENDRE.alphas(2), 1e-15);
        assertArrayEquals(new double[] {.5, .5}, Integration.GAUSS_LEGENDRE.weights(2), 1e-15);
        double s = Math.sqrt(0.6);
        assertArrayEquals(new double[] {0.5 * (1 - s), 0.5, 0.5 * (1 + s)}, Integration.GAUSS_LEGENDRE.alphas(3), 1e-15);
        assertArrayEquals(new double[] {5 / 18.0, 8 / 18.0, 5 / 18.0}, Integration.GAUSS_LEGENDRE.weights(3), 1e-15);
        // 50 nodes integrate x^99 exactly: ∫0^1 a^99 da = 1/100
        double[] a = Integration.GAUSS_LEGENDRE.alphas(50), w = Integration.GAUSS_LEGENDRE.weights(50);
        double sum = 0;
        for (int i = 0; i < 50; i++) sum += w[i] * Math.pow(a[i], 99);
        assertEquals(0.01, sum, 1e-14);
    }

    @Test
    void captumBasicModels2And3AllMethods() {
        // captum tests/attr/test_integrated_gradients_basic.py: x = (3, 1), b = 0, n_steps = 500 -> (1.5, -0.5) ± 0.05
        Tensor x = Tensor.of(new float[] {3, 1}, 1, 2);
        for (Integration method : Integration.values()) {
            IntegratedGradients ig = new IntegratedGradients(IntegratedGradients.Options.defaults()
                    .withSteps(500).withIntegration(method).withBatchSize(128));
            float[] a2 = ig.attribute(BASIC2, x, new int[] {0}).toArray();
            float[] a3 = ig.attribute(BASIC3, x, new int[] {0}).toArray();
            assertArrayEquals(new float[] {1.5f, -0.5f}, a2, 0.05f, method.cliName());
            assertArrayEquals(new float[] {1.5f, -0.5f}, a3, 0.05f, method.cliName());
            assertEquals(a2[0] + a2[1], a3[0] + a3[1], 0.05f, "implementation invariance " + method.cliName());
        }
    }

    @Test
    void linearModelIsExactlyInputMinusBaselineTimesWeight() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, -4, 0.5f, 7}, 2, 3);
        Tensor b = Tensor.of(new float[] {0.5f, -1, 2}, 1, 3);
        for (Integration method : new Integration[] {Integration.GAUSS_LEGENDRE, Integration.RIEMANN_LEFT, Integration.RIEMANN_MIDDLE, Integration.RIEMANN_RIGHT}) {
            IntegratedGradients ig = new IntegratedGradients(IntegratedGradients.Options.defaults().withIntegration(method).withBaseline(Baseline.of(b)));
            AttributionWithDelta r = ig.attributeWithDelta(LINEAR, x, new int[] {0});
            float[] got = r.attributions().toArray();
            float[] xv = x.toArray(), bv = b.toArray();
            for (int i = 0; i < 6; i++) assertEquals((xv[i] - bv[i % 3]) * W[i % 3], got[i], 1e-5, method.cliName() + " element " + i);
            for (float d : r.delta()) assertEquals(0, d, 1e-5);
        }
        // Captum's trapezoid weights sum to (n - 1)/n, so its IG of a linear model is (x - b) w (n - 1)/n
        IntegratedGradients trap = new IntegratedGradients(IntegratedGradients.Options.defaults()
                .withIntegration(Integration.RIEMANN_TRAPEZOID).withSteps(20));
        assertEquals(1 * 0.5f * 19 / 20f, trap.attribute(LINEAR, x, new int[] {0}).toArray()[0], 1e-6);
    }

    @Test
    void completenessAt50GaussLegendreStepsOnSmoothModels() {
        // Gauss-Legendre is spectrally accurate for analytic integrands: |delta| < 1e-3 |f(x) - f(b)|
        Tensor x = TestModels.normal(7, 0, 5, 4);
        Tensor img = TestModels.normal(8, 0, 3, 2, 6, 6);
        Object[][] cases = {{TestModels.tanhMlp(4, 16, 3, 11), x}, {TestModels.smoothCnn(2, 4, 3, 12), img}};
        for (Object[] c : cases) {
            FunctionModel model = (FunctionModel) c[0];
            Tensor in = (Tensor) c[1];
            int[] t = GradientSupport.targets(model, in, null, 64);
            AttributionWithDelta r = new IntegratedGradients().attributeWithDelta(model, in, t);
            float[] fx = GradientSupport.scores(model, in, t);
            float[] fb = GradientSupport.scores(model, Tensor.zeros(in.shape()), t);
            for (int i = 0; i < t.length; i++) {
                double gap = Math.abs(fx[i] - fb[i]);
                assertTrue(gap > 1e-3, "test case too flat");
                assertTrue(Math.abs(r.delta()[i]) < 1e-3 * gap, "row " + i + ": |delta| " + r.delta()[i] + " vs f(x)-f(b) " + gap);
            }
        }
    }

    @Test
    void completenessOnReluFixturesIsLimitedByTheKinks() {
        // ReLU and max-pool kinks make the integrand piecewise smooth, so 50 Gauss-Legendre nodes leave
        // |delta| up to ~1.3e-2 |f(x) - f(b)| on these models (Captum's fixture numbers match ours to
        // 1e-7, so Captum has the same deltas); more steps shrink it.
        for (String m : new String[] {"iris_mlp", "dna_cnn", "image_cnn"}) {
            OnnxGraphModel model = Fixtures.model(m);
            Tensor x = Fixtures.tensor(m, "input.npy");
            int[] t = Fixtures.targets(m);
            float[] fx = GradientSupport.scores(model, x, t);
            float[] fb = GradientSupport.scores(model, Tensor.zeros(x.shape()), t);
            double worst50 = 0, worst400 = 0;
            AttributionWithDelta r50 = new IntegratedGradients().attributeWithDelta(model, x, t);
            AttributionWithDelta r400 = new IntegratedGradients(IntegratedGradients.Options.defaults().withSteps(400)).attributeWithDelta(model, x, t);
            for (int i = 0; i < t.length; i++) {
                double gap = Math.abs(fx[i] - fb[i]);
                worst50 = Math.max(worst50, Math.abs(r50.delta()[i]) / gap);
                worst400 = Math.max(worst400, Math.abs(r400.delta()[i]) / gap);
            }
            System.out.printf("%s IG relative |delta|: %.2e at 50 steps, %.2e at 400%n", m, worst50, worst400);
            assertTrue(worst50 < 2e-2, m + " " + worst50);
            assertTrue(worst400 < 3e-3, m + " " + worst400);
        }
    }

    @Test
    void aConvergedIntegralIsNotCaptumsFiftyStepAnswer() {
        // Why completeness to 1e-3 at 50 Gauss-Legendre steps and Captum's 50-step numbers to 1e-3 cannot
        // both hold on the ReLU reference models: the integral taken to convergence (3000 steps, |delta|
        // below 4e-4 of f(x) - f(b)) lies 5e-3 to 1.2e-2 (relative L2) from Captum's 50-step attributions,
        // which we match to 3e-7. The quadrature error of 50 nodes at the ReLU kinks is in Captum's numbers.
        for (String m : new String[] {"iris_mlp", "dna_cnn", "image_cnn"}) {
            OnnxGraphModel model = Fixtures.model(m);
            Tensor x = Fixtures.tensor(m, "input.npy");
            Tensor converged = new IntegratedGradients(IntegratedGradients.Options.defaults().withSteps(3000).withBatchSize(3000))
                    .attribute(model, x, Fixtures.targets(m));
            double fromCaptum = Fixtures.relativeError(converged, Fixtures.tensor(m, "expected_ig_gl50.npy"));
            assertTrue(fromCaptum > 3e-3 && fromCaptum < 2e-2, m + ": " + fromCaptum);
        }
    }

    @Test
    void captumFixtures() {
        OnnxGraphModel iris = Fixtures.model("iris_mlp");
        Tensor x = Fixtures.tensor("iris_mlp", "input.npy");
        int[] t = Fixtures.targets("iris_mlp");
        IntegratedGradients.Options d = IntegratedGradients.Options.defaults();
        Fixtures.assertClose("iris_mlp ig_gl50", new IntegratedGradients(d).attribute(iris, x, t), Fixtures.tensor("iris_mlp", "expected_ig_gl50.npy"));
        Fixtures.assertClose("iris_mlp ig_trap20", new IntegratedGradients(d.withSteps(20).withIntegration(Integration.parse("riemann-trapezoid")))
                .attribute(iris, x, t), Fixtures.tensor("iris_mlp", "expected_ig_trap20.npy"));
        Fixtures.assertClose("iris_mlp ig_meanbase", new IntegratedGradients(d.withBaseline(Baseline.of(Fixtures.tensor("iris_mlp", "baseline.npy"))))
                .attribute(iris, x, t), Fixtures.tensor("iris_mlp", "expected_ig_meanbase.npy"));
        for (String m : new String[] {"dna_cnn", "image_cnn"}) {
            Fixtures.assertClose(m + " ig_gl50", new IntegratedGradients(d).attribute(Fixtures.model(m), Fixtures.tensor(m, "input.npy"), Fixtures.targets(m)),
                    Fixtures.tensor(m, "expected_ig_gl50.npy"));
        }
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        OnnxGraphModel dna = Fixtures.model("dna_cnn");
        Tensor x = Fixtures.tensor("dna_cnn", "input.npy");
        IntegratedGradients.Options d = IntegratedGradients.Options.defaults().withSteps(12);
        float[] ref = new IntegratedGradients(d.withBatchSize(1)).attribute(dna, x, null).toArray();
        for (int b : new int[] {5, 12, 48, 1000}) {
            assertArrayEquals(ref, new IntegratedGradients(d.withBatchSize(b)).attribute(dna, x, null).toArray(), "batch size " + b);
        }
    }

    @Test
    void badBaselineIsRefusedClearly() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Exception e = assertThrows(RuntimeException.class, () -> new IntegratedGradients(IntegratedGradients.Options.defaults()
                .withBaseline(Baseline.of(Tensor.zeros(2, 2)))).attribute(LINEAR, x, null));
        assertTrue(e.getMessage().contains("baseline of shape [2,2]"), e.getMessage());
    }
}
