package org.xai4j.explain.optimize;

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
        float[] x = ActivationMaximization.run(linear(), x0, 0, lr, steps, l2, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, trace).toArray();
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
        float[] x = ActivationMaximization.run(linear(), Tensor.zeros(1, 4), 0, 0.5f, 200, 0.05f, -1f, 1f, null).toArray();
        assertEquals(1f, x[0], 0);
        assertEquals(-1f, x[1], 0);
        assertEquals(1f, x[2], 0);
        assertEquals(1f, x[3], 0);
        // without decay and without a box the ascent is x_0 + t · lr · w
        float[] y = ActivationMaximization.run(linear(), Tensor.zeros(1, 4), 0, 0.25f, 4, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, null).toArray();
        for (int i = 0; i < 4; i++) assertEquals(W[i], y[i], 1e-6);
    }
}
