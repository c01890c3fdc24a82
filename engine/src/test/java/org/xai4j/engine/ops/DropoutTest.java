package org.xai4j.engine.ops;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class DropoutTest {
    @Test
    void sameSeedGivesTheSameMaskForOneAndTwoThreads() {
        Tensor x = Tensor.ones(300, 1000);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] one = Ops.dropout(x, 0.2f, true, 42L, 5L).toArray();
            Parallel.setThreads(2);
            float[] two = Ops.dropout(x, 0.2f, true, 42L, 5L).toArray();
            assertArrayEquals(one, two);
            float[] otherStream = Ops.dropout(x, 0.2f, true, 42L, 6L).toArray();
            assertFalse(java.util.Arrays.equals(one, otherStream));
            // inverted dropout keeps the expectation: about 80% kept, each scaled by 1/0.8
            double sum = 0;
            int kept = 0;
            for (float v : one) {
                sum += v;
                if (v != 0f) {
                    kept++;
                    assertEquals(1.25f, v, 1e-6f);
                }
            }
            assertEquals(0.8, kept / 300000.0, 0.005);
            assertEquals(1.0, sum / 300000.0, 0.01);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void inferenceModeIsTheIdentity() {
        Tensor x = Tensor.ones(3, 4);
        assertSame(x, Ops.dropout(x, 0.5f, false, 1L, 1L));
    }

    @Test
    void perRowStreamsMaskEachRowAsIfItRanAlone() {
        // 3 stacked samples of (2, 5): block b must equal dropout of that block alone with stream b's key
        Tensor x = Tensor.ones(6, 5);
        long[] streams = {7L, 3L, 7L};
        float[] stacked = Ops.dropout(x, 0.5f, true, 9L, streams).toArray();
        for (int b = 0; b < 3; b++) {
            float[] alone = Ops.dropout(Tensor.ones(2, 5), 0.5f, true, 9L, streams[b]).toArray();
            assertArrayEquals(alone, java.util.Arrays.copyOfRange(stacked, b * 10, b * 10 + 10));
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(stacked, 0, 10), java.util.Arrays.copyOfRange(stacked, 20, 30));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Ops.dropout(Tensor.ones(5, 2), 0.5f, true, 9L, streams));
    }

    @Test
    void perRowDropoutGivesTheSameBitsWithAndWithoutRecording() {
        // unrecorded, the mask is applied as it is drawn (PhiloxRandom.dropoutRows); recorded, it is a saved
        // tensor multiplied in: both are x * mask, for every kind of value, at any thread count
        float[] v = new float[37 * 33];
        java.util.Random rnd = new java.util.Random(4);
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian() * 3;
        v[0] = Float.NaN;
        v[1] = Float.POSITIVE_INFINITY;
        v[2] = -0f;
        v[3] = 0f;
        long[] streams = new long[37];
        for (int r = 0; r < streams.length; r++) streams[r] = 1000L * r + 17;
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                float[] unrecorded = Ops.dropout(Tensor.of(v.clone(), 37, 33), 0.3f, true, 5L, streams).toArray();
                Tensor x = Tensor.of(v.clone(), 37, 33).requiresGrad(true);
                float[] recorded = Ops.dropout(x, 0.3f, true, 5L, streams).toArray();
                float[] mask = Ops.dropout(Tensor.ones(37, 33).requiresGrad(true), 0.3f, true, 5L, streams).toArray();
                for (int i = 0; i < v.length; i++) {
                    assertEquals(Float.floatToRawIntBits(v[i] * mask[i]), Float.floatToRawIntBits(unrecorded[i]), "unrecorded at " + i);
                    assertEquals(Float.floatToRawIntBits(v[i] * mask[i]), Float.floatToRawIntBits(recorded[i]), "recorded at " + i);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
