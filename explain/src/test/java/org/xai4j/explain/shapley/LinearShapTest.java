package org.xai4j.explain.shapley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.Fixtures;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.explain.testing.Games;

class LinearShapTest {
    @Test
    void phiIsWeightTimesDistanceFromTheBackgroundMean() {
        float[] w = {1, 2, 0, -3};
        FunctionModel f = ClosedFormModels.linear(w, 0.5f);
        Tensor background = Games.normalRows(50, 4, 1);
        Tensor x = Games.normalRows(6, 4, 2);
        float[] phi = new LinearShap(new LinearShapOptions(background, 7)).attribute(f, x, null).toArray();
        double[] mean = new double[4];
        float[] bg = background.toArray(), v = x.toArray();
        for (int r = 0; r < 50; r++) for (int e = 0; e < 4; e++) mean[e] += bg[r * 4 + e] / 50.0;
        for (int r = 0; r < 6; r++) {
            double sum = 0;
            for (int e = 0; e < 4; e++) {
                assertEquals(w[e] * (v[r * 4 + e] - mean[e]), phi[r * 4 + e], 1e-4);
                sum += phi[r * 4 + e];
            }
            // efficiency: Σφ = f(x) − E f(background) = w · (x − mean)
            double expected = 0;
            for (int e = 0; e < 4; e++) expected += w[e] * (v[r * 4 + e] - mean[e]);
            assertEquals(expected, sum, 1e-4);
        }
    }

    @Test
    void matchesKernelShapOnALinearModelWithMultipleOutputs() {
        Tensor wt = Tensor.of(new float[] {1, -1, 2, 0.5f, 3, 0, -2, 1, 1}, 3, 3);
        FunctionModel f = new FunctionModel(x -> Ops.linear(x, wt, null));
        Tensor background = Games.normalRows(20, 3, 3);
        Tensor x = Games.normalRows(4, 3, 4);
        int[] targets = {0, 1, 2, 1};
        float[] linear = new LinearShap(new LinearShapOptions(background)).attribute(f, x, targets).toArray();
        float[] kernel = new KernelShap(new KernelShapOptions(null, background, null, 0, 0, 64)).attribute(f, x, targets).toArray();
        for (int i = 0; i < linear.length; i++) assertEquals(kernel[i], linear[i], 1e-4);
    }

    @Test
    void refusesANonlinearModel() throws Exception {
        Tensor x = Fixtures.tensor("iris_mlp", "input.npy");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LinearShap(new LinearShapOptions(x)).attribute(Fixtures.model("iris_mlp"), x, null));
        assertTrue(e.getMessage().startsWith("linear-shap needs a model that is linear in its input, but on input row "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": use kernel-shap"), e.getMessage());
    }
}
