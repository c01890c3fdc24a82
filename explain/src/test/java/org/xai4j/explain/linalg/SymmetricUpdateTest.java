package org.xai4j.explain.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rank-k update against its definition on shapes that are not multiples of the tile (4 x 2L), with
 * rows and columns starting past 0 as the Cholesky's trailing updates have them; the kernel chosen on
 * this JVM against the scalar twin bit for bit; and everything outside the updated triangle untouched.
 */
class SymmetricUpdateTest {
    private static double[] random(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextGaussian();
        return a;
    }

    @Test
    void matchesTheDefinitionAndTheScalarTwin() {
        Random rnd = new Random(5);
        int[][] cases = {{53, 37, 0, 0}, {53, 37, 5, 5}, {70, 64, 17, 17}, {9, 3, 0, 0}, {33, 1, 31, 31}, {40, 12, 9, 2}};
        for (int[] cs : cases) {
            int p = cs[0], k = cs[1], from = cs[2], colFrom = cs[3], ldr = p + 3, rOff = 2;
            double[] r = random(rnd, rOff + k * ldr);
            double[] c0 = random(rnd, p * p);
            double[] fast = c0.clone(), twin = c0.clone();
            SymmetricUpdate.update(fast, p, from, colFrom, r, rOff, ldr, k, -1.0);
            SymmetricUpdate.update(SymmetricTile.SCALAR, twin, p, from, colFrom, r, rOff, ldr, k, -1.0);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    int e = i * p + j;
                    String at = java.util.Arrays.toString(cs) + " at (" + i + ", " + j + ")";
                    assertEquals(Double.doubleToLongBits(twin[e]), Double.doubleToLongBits(fast[e]), at);
                    if (i < from || j < colFrom || j > i) {
                        assertEquals(c0[e], fast[e], 0.0, "outside the updated triangle " + at);
                    } else {
                        double s = 0;
                        for (int t = 0; t < k; t++) s += r[rOff + t * ldr + i] * r[rOff + t * ldr + j];
                        assertEquals(c0[e] - s, fast[e], 1e-12 * (Math.abs(c0[e]) + k), at);
                    }
                }
            }
        }
    }

    @Test
    void sameBitsOnAnyThreadCount() {
        Random rnd = new Random(9);
        int p = 301, k = 64;
        double[] r = random(rnd, k * p), c0 = random(rnd, p * p);
        double[] one = c0.clone(), two = c0.clone();
        int before = org.xai4j.engine.backend.Parallel.threads();
        try {
            org.xai4j.engine.backend.Parallel.setThreads(1);
            SymmetricUpdate.update(one, p, 0, 0, r, 0, p, k, 1.0);
            org.xai4j.engine.backend.Parallel.setThreads(2);
            SymmetricUpdate.update(two, p, 0, 0, r, 0, p, k, 1.0);
        } finally {
            org.xai4j.engine.backend.Parallel.setThreads(before);
        }
        for (int e = 0; e < p * p; e++) assertEquals(Double.doubleToLongBits(one[e]), Double.doubleToLongBits(two[e]), "element " + e);
    }
}
