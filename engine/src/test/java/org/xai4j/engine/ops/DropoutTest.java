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
}
