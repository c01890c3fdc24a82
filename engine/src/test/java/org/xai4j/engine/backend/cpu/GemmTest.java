package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Gemm#sgemm} against hand-computed answers, a double-precision loop and EJML. */
class GemmTest {
    /** Sizes around the kernel and block edges: 1, odd, 8/16/32 +- 1, and past one K block (256). */
    private static final int[] SIZES = {1, 2, 3, 7, 9, 15, 17, 31, 33, 47, 65, 100, 257, 300};

    @Test
    void knownAnswerTwoByThreeTimesThreeByTwo() {
        // [1 2 3; 4 5 6] [7 8; 9 10; 11 12] = [1*7+2*9+3*11, 1*8+2*10+3*12; 4*7+5*9+6*11, 4*8+5*10+6*12]
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);

        // alpha = 0.5, beta = 2 on C = [1 2; 3 4]: [29+2, 32+4; 69.5+6, 77+8]
        float[] c2 = {1, 2, 3, 4};
        Gemm.sgemm(false, false, 2, 2, 3, 0.5f, a, 0, 3, b, 0, 2, 2f, c2, 0, 2);
        assertArrayEquals(new float[] {31, 36, 75.5f, 85}, c2);

        // the same product from transposed storage: A^T stored 3 x 2, B^T stored 2 x 3
        float[] at = {1, 4, 2, 5, 3, 6};
        float[] bt = {7, 9, 11, 8, 10, 12};
        float[] c3 = new float[4];
        Gemm.sgemm(true, true, 2, 2, 3, 1f, at, 0, 2, bt, 0, 3, 0f, c3, 0, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c3);
    }

    @Test
    void randomShapesAllTransposesMatchDoubleReference() {
        Random rnd = new Random(20261124);
        float[][] alphaBeta = {{1f, 0f}, {0.5f, -1.5f}, {-2f, 1f}};
        for (int trial = 0; trial < 120; trial++) {
            int m = SIZES[rnd.nextInt(SIZES.length)];
            int n = SIZES[rnd.nextInt(SIZES.length)];
            int k = SIZES[rnd.nextInt(SIZES.length)];
            float[] ab = alphaBeta[trial % alphaBeta.length];
            GemmTestSupport t = new GemmTestSupport(rnd, (trial & 1) != 0, (trial & 2) != 0, m, n, k,
                    ab[0], ab[1], rnd.nextInt(3) * 5);
            t.assertMatchesExact(t.runGemm(), t.toString());
        }
    }

    @Test
    void skinnyShapesAndKernelEdgesMatchDoubleReference() {
        // im2col-like products (wide, narrow, transposed orientation, A read in place) and tile edges
        int[][] shapes = {{64, 1024, 147}, {128, 64, 300}, {256, 16, 520}, {512, 4, 600}, {1, 1000, 64},
                          {1000, 1, 64}, {33, 5, 700}, {300, 290, 270}, {8, 32, 256}, {9, 33, 257}};
        Random rnd = new Random(7);
        for (int[] s : shapes) {
            for (int trans = 0; trans < 4; trans++) {
                GemmTestSupport t = new GemmTestSupport(rnd, (trans & 1) != 0, (trans & 2) != 0, s[0], s[1], s[2],
                        0.75f, trans == 3 ? 0.5f : 0f, 3);
                t.assertMatchesExact(t.runGemm(), t.toString());
            }
        }
    }

    @Test
    void scalarKernelMatchesDoubleReference() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 24; trial++) {
            GemmTestSupport t = new GemmTestSupport(rnd, (trial & 1) != 0, (trial & 2) != 0,
                    SIZES[rnd.nextInt(SIZES.length)], SIZES[rnd.nextInt(SIZES.length)],
                    SIZES[rnd.nextInt(SIZES.length)], 1.25f, trial % 3 == 0 ? 0f : -0.5f, 2);
            t.assertMatchesExact(t.runBlocked(ScalarMicroKernel.INSTANCE), "scalar " + t);
        }
    }

    @Test
    void agreesWithEjmlReference() {
        Random rnd = new Random(3);
        int[][] shapes = {{5, 7, 3}, {70, 45, 129}, {128, 96, 300}};
        for (int[] s : shapes) {
            for (int trans = 0; trans < 4; trans++) {
                GemmTestSupport t = new GemmTestSupport(rnd, (trans & 1) != 0, (trans & 2) != 0, s[0], s[1], s[2],
                        1.5f, -0.25f, 1);
                float[] ours = t.runGemm();
                float[] ejml = t.freshC();
                ReferenceGemm.sgemm(t.transA, t.transB, t.m, t.n, t.k, t.alpha, t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb,
                        t.beta, ejml, t.cOff, t.ldc);
                float[] ejmlMt = t.freshC();
                ReferenceGemm.sgemmMultithreaded(t.transA, t.transB, t.m, t.n, t.k, t.alpha, t.a, t.aOff, t.lda,
                        t.b, t.bOff, t.ldb, t.beta, ejmlMt, t.cOff, t.ldc);
                t.assertMatchesExact(ejml, "EJML " + t);
                t.assertMatchesExact(ejmlMt, "EJML MT " + t);
                t.assertMatchesExact(ours, "ours " + t);
            }
        }
    }

    @Test
    void zeroAlphaOrEmptyKScalesC() {
        float[] a = {Float.NaN, 1, 2, 3};
        float[] b = {1, 2, 3, 4};
        float[] c = {1, 2, 3, 4};
        // alpha = 0: C = beta * C, and A's NaN is never read (as BLAS)
        Gemm.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 3f, c, 0, 2);
        assertArrayEquals(new float[] {3, 6, 9, 12}, c);
        // k = 0: C = beta * C; beta = 0 clears NaN
        float[] d = {Float.NaN, 5, 6, 7};
        Gemm.sgemm(false, false, 2, 2, 0, 1f, a, 0, 1, b, 0, 2, 0f, d, 0, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0}, d);
    }

    @Test
    void badArgumentsGiveOneLineMessages() {
        float[] x = new float[12];
        IllegalArgumentException lda = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 3, 2, 4, 1f, x, 0, 3, x, 0, 2, 0f, new float[6], 0, 2));
        assertEquals("sgemm: lda must be >= 4 for A stored m x k (3 x 4), got 3", lda.getMessage());
        IllegalArgumentException shortB = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, true, 3, 4, 4, 1f, x, 0, 4, x, 0, 4, 0f, new float[12], 0, 4));
        assertEquals("sgemm: B stored n x k (transB) (4 x 4, ld 4, offset 0) needs 16 floats, array has 12",
                shortB.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
        assertTrue(negative.getMessage().contains("m=-1"), negative.getMessage());
    }
}
