package org.xai4j.engine.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;

class PhiloxRandomTest {

    private static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        PhiloxRandom.block(c0, c1, c2, c3, k0, k1, out);
        return out;
    }

    /** Random123 kat_vectors, philox4x32 with 10 rounds. */
    @Test
    void knownAnswerVectors() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
                block(0, 0, 0, 0, 0, 0));
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
                block(-1, -1, -1, -1, -1, -1));
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    /** The addressing maps (seed, stream, index) onto (key, counter, word) as documented. */
    @Test
    void addressingMatchesKnownAnswers() {
        int[] zero = {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8};
        for (int i = 0; i < 4; i++) {
            assertEquals(zero[i], PhiloxRandom.word(0L, 0L, i));
            assertEquals((zero[i] >>> 8) * 0x1.0p-24f, PhiloxRandom.uniform(0L, 0L, i));
        }
        assertEquals(0x1.989fap-2f, PhiloxRandom.uniform(0L, 0L, 0), "0x6627e8 / 2^24");
        // Third vector: key = (lo, hi) of the seed, counter (2, 3) = (lo, hi) of the stream, counter (0, 1) = block.
        long seed = 0x299f31d0_a4093822L;
        long stream = 0x03707344_13198a2eL;
        long blockIndex = 0x05a308d3_243f6a88L; // high bit cleared so element indices stay positive
        int[] expected = block((int) blockIndex, (int) (blockIndex >>> 32), 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0);
        for (int i = 0; i < 4; i++) assertEquals(expected[i], PhiloxRandom.word(seed, stream, blockIndex * 4 + i));
    }

    @Test
    void uniformMomentsOverAMillion() {
        int n = 1_000_000;
        float[] u = new float[n];
        PhiloxRandom.fillUniform(42L, 7L, 0L, u, 0, n);
        double sum = 0, sumSq = 0, min = 1, max = 0;
        for (float x : u) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / n;
        for (float x : u) sumSq += (x - mean) * (x - mean);
        double variance = sumSq / n;
        // Standard errors: mean 2.9e-4, variance 7.5e-5; the bounds are about 5 of them.
        assertEquals(0.5, mean, 1.5e-3);
        assertEquals(1.0 / 12.0, variance, 4e-4);
        assertTrue(min >= 0.0 && min < 1e-5, "min " + min);
        assertTrue(max < 1.0 && max > 1 - 1e-5, "max " + max);
    }

    @Test
    void normalMomentsOverAMillion() {
        int n = 1_000_000;
        float[] z = new float[n];
        PhiloxRandom.fillNormal(42L, 8L, 0L, z, 0, n);
        double sum = 0, sumSq = 0, sum4 = 0;
        int withinOneSigma = 0;
        for (float x : z) {
            assertTrue(Float.isFinite(x));
            sum += x;
            if (Math.abs(x) < 1) withinOneSigma++;
        }
        double mean = sum / n;
        for (float x : z) {
            double d = x - mean;
            sumSq += d * d;
            sum4 += d * d * d * d;
        }
        double variance = sumSq / n;
        // Standard errors: mean 1e-3, variance 1.4e-3, kurtosis about 5e-3, P(|z|<1) 4.7e-4.
        assertEquals(0.0, mean, 5e-3);
        assertEquals(1.0, variance, 7e-3);
        assertEquals(3.0, sum4 / n / (variance * variance), 0.03);
        assertEquals(0.682689, withinOneSigma / (double) n, 2.5e-3);
    }

    /** Box–Muller pairs: z(4b)^2 + z(4b+1)^2 = -2 ln(((w0 >>> 8) + 0.5) 2^-24). */
    @Test
    void normalPairsShareTheirRadius() {
        for (long b = 0; b < 50; b++) {
            for (int pair = 0; pair < 4; pair += 2) {
                long i = 4 * b + pair;
                double z0 = PhiloxRandom.normal(3L, 1L, i), z1 = PhiloxRandom.normal(3L, 1L, i + 1);
                double u1 = ((PhiloxRandom.word(3L, 1L, i) >>> 8) + 0.5) * 0x1.0p-24;
                assertEquals(-2 * Math.log(u1), z0 * z0 + z1 * z1, 1e-5 * (1 + -2 * Math.log(u1)));
            }
        }
    }

    @Test
    void sameSeedSameNumbersOtherStreamOrSeedDifferent() {
        float[] a = new float[1000], b = new float[1000], c = new float[1000], d = new float[1000];
        PhiloxRandom.fillUniform(1234L, 5L, 0L, a, 0, 1000);
        PhiloxRandom.fillUniform(1234L, 5L, 0L, b, 0, 1000);
        PhiloxRandom.fillUniform(1234L, 6L, 0L, c, 0, 1000);
        PhiloxRandom.fillUniform(1235L, 5L, 0L, d, 0, 1000);
        assertArrayEquals(a, b);
        int sameAsOtherStream = 0, sameAsOtherSeed = 0;
        for (int i = 0; i < 1000; i++) {
            if (a[i] == c[i]) sameAsOtherStream++;
            if (a[i] == d[i]) sameAsOtherSeed++;
        }
        // Independent 24-bit uniforms coincide with probability 2^-24 each.
        assertEquals(0, sameAsOtherStream);
        assertEquals(0, sameAsOtherSeed);
        // Streams differing only in the high 32 bits are different too.
        assertNotEquals(PhiloxRandom.word(1L, 1L, 0), PhiloxRandom.word(1L, 1L | (1L << 32), 0));
    }

    /** Bulk fills equal per-index calls for every start offset, including across the 2^32 block boundary. */
    @Test
    void fillsEqualPerIndexValuesForAnyStart() {
        long[] starts = {0, 1, 2, 3, 4, 5, 6, 7, 1001, 4L * 0xFFFFFFFFL - 3};
        for (long start : starts) {
            for (int len : new int[] {0, 1, 2, 3, 5, 9, 17}) {
                float[] u = new float[len + 3];
                float[] z = new float[len + 3];
                PhiloxRandom.fillUniform(99L, 2L, start, u, 3, len);
                PhiloxRandom.fillNormal(99L, 2L, start, z, 3, len);
                for (int j = 0; j < len; j++) {
                    assertEquals(PhiloxRandom.uniform(99L, 2L, start + j), u[3 + j], "uniform at " + (start + j));
                    assertEquals(PhiloxRandom.normal(99L, 2L, start + j), z[3 + j], "normal at " + (start + j));
                }
                for (int j = 0; j < 3; j++) {
                    assertEquals(0f, u[j]);
                    assertEquals(0f, z[j]);
                }
            }
        }
    }

    @Test
    void bernoulliMaskKeepsTheRightFractionWithScale() {
        float[] mask = new float[200_000];
        float keep = 0.8f, scale = 1f / keep;
        PhiloxRandom.bernoulliMask(11L, 3L, keep, mask, scale);
        int kept = 0;
        for (int i = 0; i < mask.length; i++) {
            float expected = PhiloxRandom.uniform(11L, 3L, i) < keep ? scale : 0f;
            assertEquals(expected, mask[i]);
            if (mask[i] != 0f) kept++;
        }
        // Standard error of the kept fraction: sqrt(0.8 * 0.2 / 2e5) = 8.9e-4.
        assertEquals(0.8, kept / (double) mask.length, 4.5e-3);
        float[] none = new float[10];
        PhiloxRandom.bernoulliMask(11L, 3L, 0f, none, 2f);
        assertArrayEquals(new float[10], none);
        float[] all = new float[10];
        PhiloxRandom.bernoulliMask(11L, 3L, 1f, all, 2f);
        for (float v : all) assertEquals(2f, v);
        assertThrows(IllegalArgumentException.class, () -> PhiloxRandom.bernoulliMask(1L, 1L, 1.5f, all, 1f));
    }

    /** The same seed gives bit-identical dropout masks with 1 or 2 threads and with any chunking. */
    @Test
    void dropoutMaskIndependentOfThreadCount() {
        int before = Parallel.threads();
        int n = 100_003;
        try {
            Parallel.setThreads(1);
            float[] one = chunkedMask(n, 1000);
            float[] oneWhole = new float[n];
            PhiloxRandom.bernoulliMask(2024L, 9L, 0.5f, oneWhole, 2f);
            Parallel.setThreads(2);
            float[] two = chunkedMask(n, 1000);
            float[] twoOddChunks = chunkedMask(n, 777); // chunks not starting on block boundaries
            float[] twoWhole = new float[n];
            PhiloxRandom.bernoulliMask(2024L, 9L, 0.5f, twoWhole, 2f);
            for (int i = 0; i < n; i++) {
                int bits = Float.floatToRawIntBits(one[i]);
                assertEquals(bits, Float.floatToRawIntBits(two[i]), "element " + i);
                assertEquals(bits, Float.floatToRawIntBits(twoOddChunks[i]), "element " + i);
                assertEquals(bits, Float.floatToRawIntBits(oneWhole[i]), "element " + i);
                assertEquals(bits, Float.floatToRawIntBits(twoWhole[i]), "element " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[] chunkedMask(int n, int grain) {
        float[] mask = new float[n];
        Parallel.forRange(n, grain, (start, end) ->
                PhiloxRandom.bernoulliMask(2024L, 9L, start, 0.5f, 2f, mask, start, end - start));
        return mask;
    }

    @Test
    void rejectsBadRanges() {
        float[] out = new float[4];
        assertThrows(IndexOutOfBoundsException.class, () -> PhiloxRandom.fillUniform(1L, 1L, 0L, out, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> PhiloxRandom.fillNormal(1L, 1L, -1L, out, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PhiloxRandom.uniform(1L, 1L, -5L));
    }
}
