package org.xai4j.explain.shapley;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.FeatureMask;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.explain.testing.Games;

class ShapleyValueSamplingTest {
    private static float[] sample(FunctionModel model, Tensor x, FeatureMask mask, int samples, long seed, int batch) {
        return new ShapleyValueSampling(new ShapleyValueSamplingOptions(Baseline.ZERO, mask, samples, seed, batch))
                .attribute(model, x, new int[] {0}).toArray();
    }

    @Test
    void captumClosedFormWithinItsTolerance() {
        // test_shapley.py: n_samples=250, delta 1.0 (the values are the exact Shapley values)
        FunctionModel net = ClosedFormModels.multiLayer();
        Tensor x = Tensor.of(new float[] {20, 50, 30}, 1, 3);
        assertArrayEquals(new float[] {76.66667f, 196.66667f, 116.66667f}, sample(net, x, null, 250, 1, 64), 1.0f);
        assertArrayEquals(new float[] {275, 275, 115}, sample(net, x, FeatureMask.of(new int[] {0, 0, 1}, 1, 3), 250, 2, 64), 1.0f);
    }

    @Test
    void everyOrderingIsEfficient() {
        FunctionModel model = Games.randomMlp(7, 1, 3);
        Tensor x = Games.normalRows(4, 7, 4);
        float[] phi = sample(model, x, null, 3, 5, 9);
        for (int r = 0; r < 4; r++) {
            float[] row = Arrays.copyOfRange(x.toArray(), r * 7, r * 7 + 7);
            double sum = 0;
            for (int i = 0; i < 7; i++) sum += phi[r * 7 + i];
            assertEquals(Games.value(model, row, 0) - Games.value(model, new float[7], 0), sum, 1e-4);
        }
    }

    @Test
    void convergesToExactShapley() {
        FunctionModel model = Games.randomMlp(5, 1, 8);
        Tensor x = Games.normalRows(1, 5, 9);
        float[] exact = new ShapleyValues(new ShapleyValuesOptions()).attribute(model, x, null).toArray();
        float[] sampled = sample(model, x, null, 3000, 11, 256);
        double err = 0, norm = 0;
        for (int i = 0; i < 5; i++) {
            err += (exact[i] - sampled[i]) * (exact[i] - sampled[i]);
            norm += exact[i] * exact[i];
        }
        assertEquals(0, Math.sqrt(err / norm), 0.03);
    }

    @Test
    void sameSeedSameResultForEveryBatchSize() {
        FunctionModel model = Games.randomMlp(6, 2, 1);
        Tensor x = Games.normalRows(3, 6, 2);
        float[] reference = sample(model, x, null, 10, 77, 1);
        for (int batch : new int[] {4, 61, 500}) assertArrayEquals(reference, sample(model, x, null, 10, 77, batch), 0f);
        assertNotEquals(Arrays.toString(reference), Arrays.toString(sample(model, x, null, 10, 78, 4)));
    }
}
