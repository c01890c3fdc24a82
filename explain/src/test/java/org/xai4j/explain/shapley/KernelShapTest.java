package org.xai4j.explain.shapley;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.FeatureMask;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.explain.testing.Games;

class KernelShapTest {
    private static float[] kernel(FunctionModel model, Tensor x, Baseline baseline, Tensor background, FeatureMask mask,
                                  int samples, long seed, int batch) {
        return new KernelShap(new KernelShapOptions(baseline, background, mask, samples, seed, batch)).attribute(model, x, null).toArray();
    }

    private static double relativeError(float[] got, float[] expected) {
        double num = 0, den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - expected[i]) * (double) (got[i] - expected[i]);
            den += expected[i] * (double) expected[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void captumClosedFormCases() {
        // test_kernel_shap.py on BasicModel_MultiLayer at [20, 50, 30]
        FunctionModel net = ClosedFormModels.multiLayer();
        Tensor x = Tensor.of(new float[] {20, 50, 30}, 1, 3);
        Baseline b = Baseline.of(Tensor.of(new float[] {10, 20, 10}, 1, 3));
        assertArrayEquals(new float[] {40, 120, 80}, kernel(net, x, b, null, null, 500, 0, 64), 1e-3f);
        assertArrayEquals(new float[] {76.66667f, 196.66667f, 116.66667f}, kernel(net, x, null, null, null, 500, 0, 64), 1e-3f);
        assertArrayEquals(new float[] {275, 275, 115}, kernel(net, x, null, null, FeatureMask.of(new int[] {0, 0, 1}, 3), 500, 0, 64), 1e-3f);
    }

    @Test
    void shapLinearModelWithBackgroundIsCorollaryOne() {
        // SHAP test_kernel.py::test_linear: f(x) = x0 + 2 x1, background = X ~ N(0,1) 200 x 3: φ = (x − mean X)·[1, 2, 0]
        Tensor data = Games.normalRows(200, 3, 21);
        FunctionModel f = ClosedFormModels.linear(new float[] {1, 2, 0}, 0f);
        Tensor explained = Ops.slice(data, 0, 0, 10, 1).contiguous();
        float[] phi = kernel(f, explained, null, data, null, 0, 0, 512);
        float[] v = data.toArray();
        double[] mean = new double[3];
        for (int r = 0; r < 200; r++) for (int j = 0; j < 3; j++) mean[j] += v[r * 3 + j] / 200.0;
        double[] w = {1, 2, 0};
        for (int r = 0; r < 10; r++) {
            for (int j = 0; j < 3; j++) {
                double expected = (v[r * 3 + j] - mean[j]) * w[j];
                assertEquals(expected, phi[r * 3 + j], 1e-3 * Math.abs(expected) + 1e-5, "row " + r + " feature " + j);
            }
        }
    }

    @Test
    void shapNullModelGivesZeros() {
        // SHAP test_kernel.py::test_null_model_small: f = 0, background ones(2, n): Σ|φ| < 1e-8, for 4 and 10 features
        for (int n : new int[] {4, 10}) {
            FunctionModel zero = new FunctionModel(x -> Ops.scale(Ops.sum(x, true, 1), 0f));
            float[] phi = kernel(zero, Games.normalRows(1, n, 3), null, Tensor.ones(2, n), null, 100, 0, 64);
            double sum = 0;
            for (float p : phi) sum += Math.abs(p);
            assertTrue(sum < 1e-8, "sum |phi| = " + sum);
        }
    }

    @Test
    void efficiencyHoldsExactlyWhenSampling() {
        // 12 players, 300 of the 4094 coalitions: the constraint still makes Σφ = f(x) − E f(background)
        FunctionModel model = Games.randomMlp(12, 1, 4);
        Tensor x = Games.normalRows(3, 12, 5);
        Tensor background = Games.normalRows(5, 12, 6);
        float[] phi = kernel(model, x, null, background, null, 300, 9, 128);
        double fnull = 0;
        for (int b = 0; b < 5; b++) fnull += Games.value(model, Arrays.copyOfRange(background.toArray(), b * 12, b * 12 + 12), 0) / 5;
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int i = 0; i < 12; i++) sum += phi[r * 12 + i];
            assertEquals(Games.value(model, Arrays.copyOfRange(x.toArray(), r * 12, r * 12 + 12), 0) - fnull, sum, 1e-4);
        }
    }

    @Test
    void fourFeaturesWith2048SamplesMatchExactShapley() {
        FunctionModel model = Games.randomMlp(4, 3, 12);
        Tensor x = Games.normalRows(5, 4, 13);
        Baseline b = Baseline.of(Games.normalRows(1, 4, 14));
        float[] exact = new ShapleyValues(new ShapleyValuesOptions(b, null, 64)).attribute(model, x, null).toArray();
        float[] kernel = new KernelShap(new KernelShapOptions(b, null, null, 2048, 1, 64)).attribute(model, x, null).toArray();
        double err = relativeError(kernel, exact);
        System.out.println("[kernel-shap] 4 features, 2048 samples: relative L2 error vs exact Shapley = " + err);
        assertTrue(err <= 0.02, "relative error " + err);
    }

    @Test
    void samplingFourteenFeaturesApproachesExactShapley() {
        // 2048 of the 16382 coalitions
        FunctionModel model = Games.randomMlp(14, 1, 15);
        Tensor x = Games.normalRows(2, 14, 16);
        float[] exact = new ShapleyValues(new ShapleyValuesOptions(Baseline.ZERO, null, 4096)).attribute(model, x, null).toArray();
        float[] kernel = kernel(model, x, null, null, null, 2048, 3, 512);
        double err = relativeError(kernel, exact);
        System.out.println("[kernel-shap] 14 features, 2048 samples: relative L2 error vs exact Shapley = " + err);
        assertTrue(err <= 0.05, "relative error " + err);
    }

    @Test
    void sameSeedSameResultForEveryBatchSize() {
        FunctionModel model = Games.randomMlp(9, 2, 2);
        Tensor x = Games.normalRows(2, 9, 3);
        float[] reference = kernel(model, x, null, null, null, 60, 5, 1);
        for (int batch : new int[] {7, 60, 1000}) assertArrayEquals(reference, kernel(model, x, null, null, null, 60, 5, batch), 0f);
        assertNotEquals(Arrays.toString(reference), Arrays.toString(kernel(model, x, null, null, null, 60, 6, 7)));
    }

    @Test
    void nonVaryingPlayersGetZeroAndOneVaryingPlayerGetsEverything() {
        FunctionModel net = ClosedFormModels.multiLayer();
        // x equals the baseline except feature 1: it gets f(x) − f(baseline)
        float[] phi = kernel(net, Tensor.of(new float[] {20, 50, 30}, 1, 3), Baseline.of(Tensor.of(new float[] {20, 0, 30}, 3)), null, null, 0, 0, 8);
        assertArrayEquals(new float[] {0, 200, 0}, phi, 1e-4f);
    }

    @Test
    void samplerWeightsFollowTheShapleyKernel() {
        // M = 4: all 14 coalitions, weight ∝ (M−1)/(C(M,s) s (M−s)), normalized to sum 1
        KernelShapSampler.Plan plan = KernelShapSampler.plan(4, KernelShapSampler.sampleCount(4, 2048), new RandomStream(0, 0));
        assertEquals(14, plan.masks().size());
        double total = 0;
        double[] kernelOfSize = new double[4];
        for (int s = 1; s < 4; s++) kernelOfSize[s] = 3.0 / (KernelShapSampler.binomial(4, s) * s * (4 - s));
        double norm = 4 * kernelOfSize[1] + 6 * kernelOfSize[2] + 4 * kernelOfSize[3];
        for (int j = 0; j < 14; j++) {
            int size = 0;
            for (boolean b : plan.masks().get(j)) if (b) size++;
            assertEquals(kernelOfSize[size] / norm, plan.weights()[j], 1e-12);
            total += plan.weights()[j];
        }
        assertEquals(1.0, total, 1e-12);
        // M = 12 with 100 samples: exactly 100 coalitions, weights summing to 1
        KernelShapSampler.Plan sampled = KernelShapSampler.plan(12, 100, new RandomStream(1, 0));
        assertEquals(100, sampled.masks().size());
        assertEquals(1.0, Arrays.stream(sampled.weights()).sum(), 1e-12);
    }

    @Test
    void baselineAndBackgroundTogetherAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new KernelShapOptions(Baseline.ZERO, Tensor.ones(2, 3), null, 0, 0, 8));
        assertEquals("kernel-shap takes --baseline or --background, not both", e.getMessage());
    }
}
