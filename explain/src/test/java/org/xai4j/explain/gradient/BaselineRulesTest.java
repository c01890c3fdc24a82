package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.FeatureAblation;
import org.xai4j.explain.perturbation.FeatureAblationOptions;

/**
 * The one {@link Baseline} type's rules, and a gradient and a perturbation method reading the same baseline
 * the same way: on a linear model f(x) = Σ w_j x_j, IG and single-feature ablation both give w ⊙ (x − b).
 */
class BaselineRulesTest {
    /** f(x) = Σ_j w_j x_j over (N, 2, 1, 2) inputs (two "channels" of two pixels). */
    private static final float[] W = {1f, -2f, 0.5f, 3f};
    private static final FunctionModel LINEAR4 = new FunctionModel((x, n) ->
            Ops.matmul(Ops.reshape(x, x.size(0), 4), Tensor.of(W.clone(), 4, 1)));
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4, -1, 0.5f, 2, -3}, 2, 2, 1, 2);

    @Test
    void aNumberIsEveryElement() {
        Baseline b = Baseline.scalar(1.5f);
        assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f}, b.resolve(new int[] {2, 3}));
        Baseline.PerRow rows = b.perRow(new int[] {2, 3});
        assertEquals(0, rows.offset(1), "one shared row");
        assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f}, rows.rows(1, 2).toArray());
        assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f}, b.distributionRows(new int[] {2, 3}), "a number is one row of it");
        assertEquals("zeros", Baseline.ZERO.toString());
    }

    @Test
    void aTensorBroadcastsByNumPyRules() {
        int[] in = {2, 2, 1, 2};
        // one row, (1, ...), and (N, ...) with equal rows: the same references
        Tensor row = Tensor.of(new float[] {1, 2, 3, 4}, 2, 1, 2);
        float[] expected = {1, 2, 3, 4, 1, 2, 3, 4};
        assertArrayEquals(expected, Baseline.of(row).resolve(in));
        assertArrayEquals(expected, Baseline.of(Tensor.of(row.toArray(), 1, 2, 1, 2)).resolve(in));
        assertArrayEquals(expected, Baseline.of(Tensor.of(expected, 2, 2, 1, 2)).resolve(in));
        // a per-channel (C, 1, 1) baseline
        assertArrayEquals(new float[] {5, 5, 7, 7, 5, 5, 7, 7}, Baseline.of(Tensor.of(new float[] {5, 7}, 2, 1, 1)).resolve(in));
        // (N, ...) gives each row its own reference, kept apart by PerRow
        Baseline.PerRow own = Baseline.of(Tensor.of(new float[] {0, 0, 0, 0, 9, 9, 9, 9}, 2, 2, 1, 2)).perRow(in);
        assertEquals(4, own.offset(1));
        assertEquals(9f, own.get(1, 3));
        assertEquals(0f, own.get(0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baseline.of(Tensor.zeros(3, 2)).resolve(new int[] {2, 2}));
        assertTrue(e.getMessage().contains("baseline of shape [3,2]") && e.getMessage().contains("[2,2]"), e.getMessage());
    }

    @Test
    void aDistributionIsForTheShapMethodsOnly() {
        Tensor rows = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Baseline d = Baseline.distribution(rows);
        assertArrayEquals(rows.toArray(), d.distributionRows(new int[] {5, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.perRow(new int[] {5, 2}));
        assertTrue(e.getMessage().contains("distribution") && e.getMessage().contains("Shap"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IntegratedGradients(IntegratedGradients.Options.defaults().withBaseline(d))
                .attribute(IntegratedGradientsTest.LINEAR, Tensor.zeros(1, 3), new int[] {0}));
        Exception wrong = assertThrows(RuntimeException.class, () -> Baseline.distribution(Tensor.zeros(3, 5)).distributionRows(new int[] {5, 2}));
        assertTrue(wrong.getMessage().contains("baselines of shape [3,5]"), wrong.getMessage());
    }

    @Test
    void gradientAndPerturbationMethodsReadOneBaselineAlike() {
        // a per-channel baseline: channel 0 at 0.5, channel 1 at -1
        Baseline b = Baseline.of(Tensor.of(new float[] {0.5f, -1f}, 2, 1, 1));
        float[] x = X.toArray(), ref = b.resolve(X.shape());
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = W[i % 4] * (x[i] - ref[i]);
        float[] ig = new IntegratedGradients(IntegratedGradients.Options.defaults().withSteps(4).withBaseline(b))
                .attribute(LINEAR4, X, new int[] {0, 0}).toArray();
        float[] ablation = new FeatureAblation(new FeatureAblationOptions(b, null, 64)).attribute(LINEAR4, X, new int[] {0, 0}).toArray();
        float[] deeplift = new DeepLift(DeepLift.Options.defaults().withBaseline(b)).attribute(LINEAR4, X, new int[] {0, 0}).toArray();
        assertArrayEquals(expected, ig, 1e-5f);
        assertArrayEquals(expected, ablation, 1e-5f);
        assertArrayEquals(expected, deeplift, 1e-5f);
        // and the same as the explicit per-element baseline, bit for bit
        Baseline full = Baseline.of(Tensor.of(ref, X.shape()));
        assertArrayEquals(ig, new IntegratedGradients(IntegratedGradients.Options.defaults().withSteps(4).withBaseline(full))
                .attribute(LINEAR4, X, new int[] {0, 0}).toArray());
    }
}
