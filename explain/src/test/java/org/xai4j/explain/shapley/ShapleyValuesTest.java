package org.xai4j.explain.shapley;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.FeatureMask;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.Fixtures;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.explain.testing.Games;

class ShapleyValuesTest {
    private static float[] exact(FunctionModel model, Tensor x, FeatureMask mask, Baseline baseline, int batch, int[] targets) {
        return new ShapleyValues(new ShapleyValuesOptions(baseline, mask, batch)).attribute(model, x, targets).toArray();
    }

    @Test
    void captumIrisMlp() throws Exception {
        Tensor got = new ShapleyValues(new ShapleyValuesOptions())
                .attribute(Fixtures.model("iris_mlp"), Fixtures.tensor("iris_mlp", "input.npy"), Fixtures.targets("iris_mlp"));
        Fixtures.assertClose("iris_mlp shapley_exact", got, Fixtures.tensor("iris_mlp", "expected_shapley_exact.npy"), 1e-3);
    }

    @Test
    void captumImageCnnWithMask() throws Exception {
        HostArray mask = Fixtures.array("image_cnn", "mask.npy");
        Tensor got = new ShapleyValues(new ShapleyValuesOptions(Baseline.ZERO, FeatureMask.of(mask.toLongArray(), mask.shape()), 16))
                .attribute(Fixtures.model("image_cnn"), Fixtures.tensor("image_cnn", "input.npy"), Fixtures.targets("image_cnn"));
        Fixtures.assertClose("image_cnn shapley_exact_mask", got, Fixtures.tensor("image_cnn", "expected_shapley_exact_mask.npy"), 1e-3);
    }

    @Test
    void captumClosedFormCases() {
        // test_shapley.py (exact Shapley equals the sampling results quoted there)
        FunctionModel net = ClosedFormModels.multiLayer();
        Tensor one = Tensor.of(new float[] {20, 50, 30}, 1, 3);
        assertArrayEquals(new float[] {76.66667f, 196.66667f, 116.66667f}, exact(net, one, null, Baseline.ZERO, 3, new int[] {0}), 1e-3f);
        assertArrayEquals(new float[] {275, 275, 115}, exact(net, one, FeatureMask.of(new int[] {0, 0, 1}, 1, 3), Baseline.ZERO, 2, new int[] {0}), 1e-3f);
        Tensor two = Tensor.of(new float[] {2, 10, 3, 20, 50, 30}, 2, 3);
        assertArrayEquals(new float[] {7, 32.5f, 10.5f, 76.66667f, 196.66667f, 116.66667f}, exact(net, two, null, Baseline.ZERO, 5, new int[] {0}), 1e-3f);
        FeatureMask rows = FeatureMask.of(new int[] {0, 0, 1, 1, 1, 0}, 2, 3);
        assertArrayEquals(new float[] {39.5f, 39.5f, 10.5f, 275, 275, 115}, exact(net, two, rows, Baseline.ZERO, 1, new int[] {0}), 1e-3f);
    }

    @Test
    void equalsThePermutationAverageAndIsEfficient() {
        FunctionModel model = Games.randomMlp(6, 3, 5);
        Tensor x = Games.normalRows(3, 6, 7);
        Tensor base = Games.normalRows(1, 6, 8);
        int[] targets = {0, 2, 1};
        float[] phi = exact(model, x, null, Baseline.of(base), 10, targets);
        for (int r = 0; r < 3; r++) {
            float[] row = java.util.Arrays.copyOfRange(x.toArray(), r * 6, r * 6 + 6);
            double[] brute = Games.permutationAverage(model, row, base.toArray(), targets[r]);
            double sum = 0;
            for (int i = 0; i < 6; i++) {
                assertEquals(brute[i], phi[r * 6 + i], 1e-5);
                sum += phi[r * 6 + i];
            }
            // efficiency: the values add up to f(x) - f(baseline)
            double delta = Games.value(model, row, targets[r]) - Games.value(model, base.toArray(), targets[r]);
            assertEquals(delta, sum, 1e-4);
        }
    }

    @Test
    void symmetricPlayersGetEqualValuesAndNullPlayersZero() {
        // f(x) = x0 * x1 + 0 * x2 : players 0 and 1 are symmetric at x = (2, 2, 5), player 2 is null
        FunctionModel model = new FunctionModel(x -> org.xai4j.engine.ops.Ops.mul(
                org.xai4j.engine.ops.Ops.slice(x, 1, 0, 1, 1), org.xai4j.engine.ops.Ops.slice(x, 1, 1, 2, 1)));
        float[] phi = exact(model, Tensor.of(new float[] {2, 2, 5}, 1, 3), null, Baseline.ZERO, 4, null);
        assertArrayEquals(new float[] {2, 2, 0}, phi, 1e-6f);
    }

    @Test
    void sameResultForEveryBatchSize() throws Exception {
        Tensor x = Fixtures.tensor("iris_mlp", "input.npy");
        float[] reference = new ShapleyValues(new ShapleyValuesOptions(Baseline.ZERO, null, 1)).attribute(Fixtures.model("iris_mlp"), x, null).toArray();
        for (int batch : new int[] {3, 16, 1000}) {
            assertArrayEquals(reference, new ShapleyValues(new ShapleyValuesOptions(Baseline.ZERO, null, batch))
                    .attribute(Fixtures.model("iris_mlp"), x, null).toArray(), 0f);
        }
    }

    @Test
    void refusesMoreThanTwentyGroups() {
        FunctionModel model = ClosedFormModels.linear(new float[21], 0f);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ShapleyValues(new ShapleyValuesOptions()).attribute(model, Tensor.ones(1, 21), null));
        assertEquals("exact Shapley values evaluate 2^G coalitions and stop at 20 feature groups, but row 0 has 21:"
                + " use shapley-sampling or kernel-shap, or fewer groups with --feature-mask", e.getMessage());
    }
}
