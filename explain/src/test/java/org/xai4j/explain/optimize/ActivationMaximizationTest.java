package org.xai4j.explain.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.FunctionModel;

/**
 * Gradient ascent on S(x) = w·x with L2 weight λ: x_{t+1} = x_t + lr (w − 2λ x_t), so
 * x_t = x* + (1 − 2 lr λ)^t (x_0 − x*) with x* = w / (2λ), the maximizer of w·x − λ‖x‖².
 */
class ActivationMaximizationTest {
    static final float[] W = {1f, -2f, 0.5f, 3f};

    static FunctionModel linear() {
        Tensor w = Tensor.of(W.clone(), 1, 4);
        return new FunctionModel(x -> Ops.linear(x, w, null));
    }

    @Test
    void followsTheClosedFormTrajectory() {
        float lr = 0.1f, l2 = 0.5f;
        int steps = 30;
        double[] trace = new double[steps + 1];
        Tensor x0 = Tensor.of(new float[] {0.2f, 0.1f, -0.3f, 0f}, 1, 4);
        float[] x = ActivationMaximization.run(linear(), x0, ActivationMaximizationOptions.of(0, lr, steps, l2, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY), trace).toArray();
        double decay = Math.pow(1 - 2 * lr * l2, steps);
        float[] start = x0.toArray();
        for (int i = 0; i < 4; i++) {
            double star = W[i] / (2 * l2);
            assertEquals(star + decay * (start[i] - star), x[i], 1e-5, "element " + i);
        }
        double s0 = 0;
        for (int i = 0; i < 4; i++) s0 += W[i] * start[i];
        assertEquals(s0, trace[0], 1e-6);
        for (int t = 1; t <= steps; t++) assertEquals(true, trace[t] > trace[t - 1], "the score rises at step " + t);
    }

    @Test
    void theBoxClipsTheOptimum() {
        // x* = w / (2 · 0.05) = (10, −20, 5, 30), clipped to [−1, 1]: the signs of w
        float[] x = ActivationMaximization.run(linear(), Tensor.zeros(1, 4), ActivationMaximizationOptions.of(0, 0.5f, 200, 0.05f, -1f, 1f), null).toArray();
        assertEquals(1f, x[0], 0);
        assertEquals(-1f, x[1], 0);
        assertEquals(1f, x[2], 0);
        assertEquals(1f, x[3], 0);
        // without decay and without a box the ascent is x_0 + t · lr · w
        float[] y = ActivationMaximization.run(linear(), Tensor.zeros(1, 4), ActivationMaximizationOptions.of(0, 0.25f, 4, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY), null).toArray();
        for (int i = 0; i < 4; i++) assertEquals(W[i], y[i], 1e-6);
    }

    @Test
    void rollAndBlurByHand() {
        // a (1, 1, 2, 3) image rolled by (dy 1, dx -1): out[(y + 1) % 2][(x - 1) mod 3] = in[y][x]
        float[] v = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {5, 6, 4, 2, 3, 1}, ActivationMaximization.roll(v, new int[] {1, 1, 2, 3}, 1, -1), 0);
        assertArrayEquals(v, ActivationMaximization.roll(ActivationMaximization.roll(v, new int[] {1, 1, 2, 3}, 1, -1),
                new int[] {1, 1, 2, 3}, -1, 1), 0);
        // [1, 2, 1]/4 with replicated edges along a row of a rank-3 input: (0, 4, 0) -> (1, 2, 1)
        float[] row = {0, 4, 0};
        ActivationMaximization.blur(row, new int[] {1, 1, 3});
        assertArrayEquals(new float[] {1, 2, 1}, row, 0);
        // and along both axes of a rank-4 input: a centred 16 spreads to the binomial 3 x 3 weights
        float[] img = new float[9];
        img[4] = 16;
        ActivationMaximization.blur(img, new int[] {1, 1, 3, 3});
        assertArrayEquals(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, img, 0);
    }

    @Test
    void jitterLeavesAShiftInvariantObjectiveUnchanged() {
        // S(x) = sum(x): its gradient (ones) is the same at every shift, so jitter changes nothing
        Tensor ones = Tensor.ones(1, 6);
        FunctionModel sum = new FunctionModel(x -> Ops.linear(Ops.flatten(x, 1), ones, null));
        Tensor start = Tensor.of(new float[] {0.1f, -0.2f, 0.3f, 0f, 0.5f, -0.6f}, 1, 1, 6);
        float[] plain = ActivationMaximization.run(sum, start, ActivationMaximizationOptions.of(0, 0.1f, 20, 0.1f, -1f, 1f), null).toArray();
        float[] jittered = ActivationMaximization.run(sum, start,
                new ActivationMaximizationOptions(0, 0.1f, 20, 0.1f, -1f, 1f, 2, 0, 5L), null).toArray();
        assertArrayEquals(plain, jittered, 1e-6f);
    }
}
