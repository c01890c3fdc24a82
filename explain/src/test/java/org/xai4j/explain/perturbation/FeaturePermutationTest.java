package org.xai4j.explain.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.FunctionModel;

class FeaturePermutationTest {
    private static final FunctionModel SUM = new FunctionModel(x -> Ops.sum(x, true, 1));

    private static Tensor randomRows(int rows, int cols, long seed) {
        float[] v = new float[rows * cols];
        new RandomStream(seed, 0).fillNormal(v, 0, v.length);
        return Tensor.of(v, rows, cols);
    }

    @Test
    void captumConstantFeatureGetsZero() {
        // test_feature_permutation.py: f(x) = sum(x), batch 2 x 6 with x[:, 0] = 10000: attr[:, 0] = 0, the rest not
        Tensor x = randomRows(2, 6, 3);
        x.set(10000f, 0, 0);
        x.set(10000f, 1, 0);
        float[] attr = new FeaturePermutation(new FeaturePermutationOptions()).attribute(SUM, x, null).toArray();
        // with two rows the only non-identity permutation swaps them: attr_i(e) = x_i(e) - x_{1-i}(e)
        for (int e = 0; e < 6; e++) {
            float diff = x.get(0, e) - x.get(1, e);
            // float32 sums next to 10000 carry an ulp of about 1e-3
            assertEquals(diff, attr[e], 2e-3f);
            assertEquals(-diff, attr[6 + e], 2e-3f);
            if (e > 0) assertNotEquals(0f, attr[e]);
        }
        assertEquals(0f, attr[0], 0f);
        assertEquals(0f, attr[6], 0f);
    }

    @Test
    void groupsMoveTogetherAndSumModelGivesRowDifferences() {
        Tensor x = randomRows(5, 4, 11);
        FeatureMask mask = FeatureMask.of(new int[] {0, 1, 1, 0}, 4);
        float[] attr = new FeaturePermutation(new FeaturePermutationOptions(mask, 42, 3)).attribute(SUM, x, null).toArray();
        for (int q = 0; q < 2; q++) {
            int[] p = FeaturePermutation.permutation(42, q, 5);
            for (int i = 0; i < 5; i++) {
                double drop = 0;
                for (int e = 0; e < 4; e++) {
                    if ((e == 1 || e == 2) == (q == 1)) drop += x.get(i, e) - x.get(p[i], e);
                }
                for (int e = 0; e < 4; e++) {
                    if ((e == 1 || e == 2) == (q == 1)) assertEquals(drop, attr[i * 4 + e], 1e-4);
                }
            }
        }
    }

    @Test
    void sameSeedSameResultForEveryBatchSizeOtherSeedDiffers() {
        Tensor x = randomRows(8, 5, 1);
        FunctionModel square = new FunctionModel(v -> Ops.sum(Ops.mul(v, v), true, 1));
        float[] reference = new FeaturePermutation(new FeaturePermutationOptions(null, 9, 1)).attribute(square, x, null).toArray();
        for (int batch : new int[] {3, 8, 100}) {
            assertArrayEquals(reference, new FeaturePermutation(new FeaturePermutationOptions(null, 9, batch)).attribute(square, x, null).toArray(), 0f);
        }
        float[] other = new FeaturePermutation(new FeaturePermutationOptions(null, 10, 4)).attribute(square, x, null).toArray();
        assertNotEquals(java.util.Arrays.toString(reference), java.util.Arrays.toString(other));
    }

    @Test
    void oneRowIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new FeaturePermutation(new FeaturePermutationOptions()).attribute(SUM, Tensor.ones(1, 3), null));
        assertEquals("feature permutation shuffles rows within the batch and needs at least 2 rows, got input [1,3]", e.getMessage());
    }
}
