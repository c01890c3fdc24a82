package org.xai4j.engine.backend.cpu;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Known answers for the reduction and softmax kernels, and thread-count invariance of long sums. */
class ReduceAndSoftmaxTest {
    @Test
    void sumsMeansAndMaxesOverAxes() {
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) v[i] = i;
        Tensor x = Tensor.of(v, 2, 3, 4);
        assertArrayEquals(new float[] {12, 15, 18, 21, 48, 51, 54, 57}, Ops.sum(x, false, 1).toArray());
        assertArrayEquals(new float[] {6, 22, 38, 54, 70, 86}, Ops.sum(x, false, 2).toArray());
        assertArrayEquals(new float[] {60, 66, 72, 78}, Ops.sum(x, false, 0, 1).toArray());
        assertArrayEquals(new float[] {7.5f, 11.5f, 15.5f}, Ops.mean(x, false, 0, 2).toArray()); // non-adjacent axes
        assertArrayEquals(new float[] {20, 21, 22, 23}, Ops.max(x, false, 0, 1).toArray());
        assertEquals(276f, Ops.sum(x).item());
    }

    @Test
    void longSumIsExactEnoughAndThreadInvariant() {
        int n = 1_000_003;
        float[] v = new float[n];
        Random r = new Random(5);
        double exact = 0;
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
            exact += v[i];
        }
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float one = Ops.sum(Tensor.of(v, n)).item();
            Parallel.setThreads(2);
            float two = Ops.sum(Tensor.of(v, n)).item();
            assertEquals(Float.floatToIntBits(one), Float.floatToIntBits(two));
            assertEquals(exact, one, 1e-3);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void softmaxKnownAnswerAndStabilityForLargeLogits() {
        Tensor y = Ops.softmax(Tensor.of(new float[] {1, 2, 3, 1000, 1000, 1000}, 2, 3), 1);
        float e1 = (float) (Math.exp(-2) / (Math.exp(-2) + Math.exp(-1) + 1));
        assertEquals(e1, y.get(0, 0), 1e-7f);
        assertEquals(1f / 3, y.get(1, 2), 1e-7f);
        Tensor ls = Ops.logSoftmax(Tensor.of(new float[] {0, 0}, 1, 2), 1);
        assertArrayEquals(new float[] {(float) -Math.log(2), (float) -Math.log(2)}, ls.toArray(), 1e-7f);
    }
}
