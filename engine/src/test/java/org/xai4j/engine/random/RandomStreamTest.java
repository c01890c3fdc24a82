package org.xai4j.engine.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void drawsTheAddressedWordsInOrder() {
        RandomStream s = new RandomStream(0L, 0L);
        assertEquals(0x6627e8d5, s.nextInt()); // Random123 known answer, counter 0, key 0
        assertEquals(0xe169c58d, s.nextInt());
        assertEquals((0xbc57ac4c >>> 8) * 0x1.0p-24f, s.nextUniform());
        for (long i = 3; i < 40; i++) assertEquals(PhiloxRandom.word(0L, 0L, i), s.nextInt());
        assertEquals(40, s.position());
    }

    @Test
    void resumesFromAPosition() {
        RandomStream a = new RandomStream(5L, 6L);
        for (int i = 0; i < 13; i++) a.nextUniform();
        RandomStream b = new RandomStream(5L, 6L, a.position());
        for (int i = 0; i < 20; i++) assertEquals(a.nextInt(1000), b.nextInt(1000));
    }

    @Test
    void fillsContinueTheStream() {
        RandomStream s = new RandomStream(8L, 1L);
        s.nextInt();
        float[] u = new float[6];
        s.fillUniform(u, 0, 6);
        float[] expected = new float[6];
        PhiloxRandom.fillUniform(8L, 1L, 1L, expected, 0, 6);
        assertArrayEquals(expected, u);
        assertEquals(7, s.position());
        float[] z = new float[5];
        s.fillNormal(z, 0, 5);
        for (int j = 0; j < 5; j++) assertEquals(PhiloxRandom.normal(8L, 1L, 7 + j), z[j]);
        assertEquals(PhiloxRandom.word(8L, 1L, 12), s.nextInt());
    }

    @Test
    void boundedIntsAreUniform() {
        RandomStream s = new RandomStream(77L, 0L);
        int bound = 7, n = 700_000;
        int[] counts = new int[bound];
        for (int i = 0; i < n; i++) counts[s.nextInt(bound)]++;
        double chiSquare = 0;
        for (int c : counts) chiSquare += (c - n / (double) bound) * (c - n / (double) bound) / (n / (double) bound);
        // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
        assertTrue(chiSquare < 22.46, "chi-square " + chiSquare);
        assertEquals(0, new RandomStream(1L, 1L).nextInt(1));
        assertThrows(IllegalArgumentException.class, () -> s.nextInt(0));
    }

    @Test
    void boundedIntsNearTheLimitStayInRange() {
        RandomStream s = new RandomStream(3L, 3L);
        int bound = Integer.MAX_VALUE;
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            int v = s.nextInt(bound);
            assertTrue(v >= 0 && v < bound);
            sum += v;
        }
        assertEquals(0.5, sum / 10_000.0 / bound, 0.02);
    }

    @Test
    void doublesAndNormalsHaveTheRightMoments() {
        RandomStream s = new RandomStream(12L, 4L);
        int n = 200_000;
        double sumU = 0, sumZ = 0, sumZ2 = 0;
        for (int i = 0; i < n; i++) {
            double u = s.nextDouble();
            assertTrue(u >= 0 && u < 1);
            sumU += u;
            double z = s.nextNormal();
            sumZ += z;
            sumZ2 += z * z;
        }
        assertEquals(0.5, sumU / n, 3.5e-3);
        assertEquals(0.0, sumZ / n, 1.2e-2);
        assertEquals(1.0, sumZ2 / n, 1.6e-2);
        assertEquals(4L * n, s.position());
    }

    /** Shuffles are permutations, reproducible by seed, and put each element first equally often. */
    @Test
    void shuffleIsAUniformPermutation() {
        assertArrayEquals(new RandomStream(9L, 2L).permutation(10), new RandomStream(9L, 2L).permutation(10));
        RandomStream s = new RandomStream(9L, 2L);
        int n = 5, trials = 50_000;
        int[] firstCounts = new int[n];
        for (int t = 0; t < trials; t++) {
            int[] p = s.permutation(n);
            boolean[] seen = new boolean[n];
            for (int v : p) {
                assertTrue(!seen[v], "duplicate " + v);
                seen[v] = true;
            }
            firstCounts[p[0]]++;
        }
        double chiSquare = 0, expected = trials / (double) n;
        for (int c : firstCounts) chiSquare += (c - expected) * (c - expected) / expected;
        // 4 degrees of freedom: P(chi2 > 18.47) = 0.001.
        assertTrue(chiSquare < 18.47, "chi-square " + chiSquare);
    }
}
