package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one-pass scan: every finite float passes (extremes included), every NaN payload and infinity is found where it is. */
class NonFiniteTest {
    @Test
    void findsTheFirstNonFiniteValueAndNothingElse() {
        float[] finite = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-40f, 3.4e38f};
        assertEquals(-1, NonFinite.firstNonFinite(finite));
        assertEquals(-1, NonFinite.firstNonFinite(new float[0]));
        float[] poisons = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7f800001),
            Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7fffffff)};
        for (float p : poisons) {
            for (int at : new int[] {0, 5, 1000, 1022}) {
                float[] v = new float[1023];
                for (int i = 0; i < v.length; i++) v[i] = i * 0.5f - 100;
                v[at] = p;
                if (at < 1022) v[1022] = Float.NaN; // a later one does not hide the first
                assertEquals(at, NonFinite.firstNonFinite(v), Float.floatToRawIntBits(p) + " at " + at);
            }
        }
    }

    @Test
    void positionsNameRowAndIndexWithinTheRow() {
        assertEquals("row 2, index 3", NonFinite.position(11, new int[] {3, 4}, "index"));
        assertEquals("row 1, column 0", NonFinite.position(12, new int[] {2, 3, 2, 2}, "column"));
        assertEquals("index 5", NonFinite.position(5, new int[] {6}, "index"));
        assertEquals("index 0", NonFinite.position(0, new int[0], "index"));
    }
}
