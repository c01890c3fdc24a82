package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The prepacked entry points (constant weights packed once) give the bits of plain sgemm. */
class GemmPrepackedTest {
    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    @Test
    void packedAGivesTheSameBitsAsSgemm() {
        Random r = new Random(3);
        int[][] shapes = {{64, 4096, 147}, {13, 70, 300}, {128, 64, 576}, {9, 3, 5}, {512, 16, 2304}, {40, 33, 1}};
        for (int[] sh : shapes) {
            int m = sh[0], n = sh[1], k = sh[2];
            for (boolean transA : new boolean[] {false, true}) {
                float[] a = random(r, m * k), b = random(r, k * n);
                int lda = transA ? m : k;
                float[] expected = new float[m * n];
                Gemm.sgemm(transA, false, m, n, k, 1f, a, 0, lda, b, 0, n, 0f, expected, 0, n);
                float[] aPacked = Gemm.packA(transA, m, k, a, 0, lda);
                float[] got = new float[m * n];
                Gemm.sgemmPrepackedA(m, n, k, aPacked, false, b, 0, n, null, got, 0, n);
                assertArrayEquals(expected, got, m + "x" + n + "x" + k + " transA=" + transA);
                float[] bPacked = Gemm.packB(k, n, b);
                float[] both = new float[m * n];
                Gemm.sgemmPrepackedA(m, n, k, aPacked, false, null, 0, 0, bPacked, both, 0, n);
                assertArrayEquals(expected, both, m + "x" + n + "x" + k + " both packed");
            }
        }
    }
}
