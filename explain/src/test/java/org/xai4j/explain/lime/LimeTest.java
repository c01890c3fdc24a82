package org.xai4j.explain.lime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.FeatureMask;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.Fixtures;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.explain.testing.Games;

class LimeTest {
    private static final float[] W = {1.5f, -2, 0.25f, 3};

    @Test
    void onOffSamplingRecoversALinearModelsWeights() {
        // f = w·x + 0.7 at x = 1 against baseline 0: f(z) = 0.7 + Σ w_g z'_g, so β = w, R² = 1
        FunctionModel f = ClosedFormModels.linear(W, 0.7f);
        LimeResult exact = new Lime(new LimeOptions(Baseline.ZERO, null, null, 200, 1, 64, 0, 0)).explain(f, Tensor.ones(1, 4), null);
        assertArrayEquals(W, exact.attributions().toArray(), 1e-4f);
        assertEquals(0.7, exact.intercepts()[0], 1e-4);
        assertEquals(1.0, exact.r2()[0], 1e-9);
        // LIME's default Ridge(alpha=1) shrinks a little
        LimeResult ridge = new Lime(new LimeOptions(Baseline.ZERO, null, null, 1000, 1, 64)).explain(f, Tensor.ones(1, 4), null);
        for (int i = 0; i < 4; i++) assertEquals(W[i], ridge.coefficients()[0][i], 0.02 * Math.abs(W[i]));
    }

    @Test
    void gaussianSamplingAroundTheInputRecoversTheSlopes() {
        FunctionModel f = ClosedFormModels.linear(W, -1f);
        Tensor background = Ops.mul(Games.normalRows(100, 4, 5), Tensor.of(new float[] {1, 10, 0.1f, 3}, 4)).contiguous();
        Tensor x = Games.normalRows(3, 4, 6);
        LimeResult exact = new Lime(new LimeOptions(null, background, null, 300, 2, 50, 0, 0)).explain(f, x, null);
        for (int r = 0; r < 3; r++) {
            for (int e = 0; e < 4; e++) assertEquals(W[e], exact.attributions().get(r, e), 1e-3 * (1 + Math.abs(W[e])));
            assertEquals(1.0, exact.r2()[r], 1e-6);
        }
        LimeResult ridge = new Lime(new LimeOptions(null, background, null, 2000, 2, 500)).explain(f, x, null);
        for (int e = 0; e < 4; e++) assertEquals(W[e], ridge.attributions().get(0, e), 0.02 * Math.abs(W[e]));
    }

    @Test
    void imageSuperpixelsFindTheRegionTheModelReads() {
        // f = mean of channel 0 over the top-left 8x8 block of a 3x32x32 image: linear in the on/off
        // state of grid superpixel 0, blind to the other 15
        FunctionModel f = new FunctionModel(x -> Ops.reshape(
                Ops.mean(Ops.slice(Ops.slice(Ops.slice(x, 1, 0, 1, 1), 2, 0, 8, 1), 3, 0, 8, 1), false, 1, 2, 3), x.size(0), 1));
        Tensor image = Ops.slice(Fixtures.tensorUnchecked("image_cnn", "input.npy"), 0, 0, 1, 1).contiguous();
        FeatureMask cells = Superpixels.grid(32, 32, 8);
        LimeResult result = new Lime(new LimeOptions(Baseline.ZERO, null, cells, 300, 4, 64, 0, 0)).explain(f, image, null);
        double blockMean = 0;
        for (int i = 0; i < 8; i++) for (int j = 0; j < 8; j++) blockMean += image.get(0, 0, i, j) / 64.0;
        assertEquals(blockMean, result.coefficients()[0][0], 1e-5);
        for (int g = 1; g < 16; g++) assertEquals(0, result.coefficients()[0][g], 1e-5);
        assertEquals(1.0, result.r2()[0], 1e-6);
        assertEquals((float) blockMean, result.attributions().get(0, 2, 7, 7), 1e-5f); // every channel of the cell
    }

    @Test
    void gridLabels() {
        FeatureMask m = Superpixels.grid(3, 5, 2);
        assertArrayEquals(new int[] {3, 5}, m.shape());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 0, 0, 1, 1, 2, 3, 3, 4, 4, 5}, m.resolve(new int[] {3, 5}));
    }

    @Test
    void sameSeedSameResultForEveryBatchSize() {
        FunctionModel model = Games.randomMlp(5, 2, 3);
        Tensor x = Games.normalRows(3, 5, 4);
        float[] reference = new Lime(new LimeOptions(null, null, null, 40, 8, 1)).attribute(model, x, null).toArray();
        for (int batch : new int[] {9, 120, 1000}) {
            assertArrayEquals(reference, new Lime(new LimeOptions(null, null, null, 40, 8, batch)).attribute(model, x, null).toArray(), 0f);
        }
        float[] other = new Lime(new LimeOptions(null, null, null, 40, 9, 9)).attribute(model, x, null).toArray();
        assertNotEquals(Arrays.toString(reference), Arrays.toString(other));
    }

    @Test
    void clearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LimeOptions(Baseline.ZERO, Tensor.ones(2, 2), null, 10, 0, 8));
        assertEquals("lime takes --baseline (on/off sampling) or --background (Gaussian sampling), not both", e.getMessage());
    }
}
