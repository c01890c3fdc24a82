package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/** A random GEMM problem with padded storage, its double-precision answer and the error bound. */
final class GemmTestSupport {
    final boolean transA, transB;
    final int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
    final float alpha, beta;
    final float[] a, b, c0;

    /**
     * Random values in [-1, 1); every leading dimension is its minimum plus {@code pad}, every offset
     * is {@code pad}, and C starts with random values (NaN when beta = 0, which must not leak).
     */
    GemmTestSupport(Random rnd, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int pad) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.lda = (transA ? m : k) + pad;
        this.ldb = (transB ? k : n) + pad;
        this.ldc = n + pad;
        this.aOff = pad;
        this.bOff = pad;
        this.cOff = pad;
        this.a = random(rnd, aOff + (transA ? k : m) * lda);
        this.b = random(rnd, bOff + (transB ? n : k) * ldb);
        this.c0 = random(rnd, cOff + m * ldc);
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) c0[cOff + i * ldc + j] = Float.NaN;
            }
        }
    }

    private static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = rnd.nextFloat() * 2f - 1f;
        return x;
    }

    float opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** A fresh copy of the initial C. */
    float[] freshC() {
        return c0.clone();
    }

    /** Runs {@link Gemm#sgemm} on a fresh C and returns it. */
    float[] runGemm() {
        float[] c = freshC();
        Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        return c;
    }

    /** Runs the blocked path with the given kernels (widest first) on a fresh C and returns it. */
    float[] runBlocked(MicroKernel... kernels) {
        float[] c = freshC();
        BlockedGemm.multiply(kernels, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        return c;
    }

    /** Runs the direct loop on a fresh C and returns it. */
    float[] runSmall() {
        float[] c = freshC();
        SmallGemm.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        return c;
    }

    /**
     * Asserts every element of C against the double-precision answer within (k + 4) * 2^-23 times
     * |alpha| sum_p |a_ip b_pj| + |beta c_ij| (the float error bound of a k-term sum, doubled), and
     * that the padding around C is untouched.
     */
    void assertMatchesExact(float[] c, String label) {
        double unit = Math.scalb(1.0, -23);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double prod = (double) opA(i, p) * opB(p, j);
                    sum += prod;
                    abs += Math.abs(prod);
                }
                int idx = cOff + i * ldc + j;
                double old = beta == 0f ? 0 : c0[idx];
                double expected = alpha * sum + beta * old;
                double tol = (k + 4) * unit * (Math.abs(alpha) * abs + Math.abs(beta * old)) + 1e-30;
                double err = Math.abs(c[idx] - expected);
                assertTrue(err <= tol, () -> label + ": C[" + idx + "] = " + c[idx] + ", expected " + expected
                        + " (error " + err + " > tolerance " + tol + ")");
            }
        }
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) assertEquals(Float.floatToIntBits(c0[idx]), Float.floatToIntBits(c[idx]), label + ": padding C[" + idx + "] changed");
        }
    }

    @Override
    public String toString() {
        return (transA ? "A^T" : "A") + (transB ? "B^T" : "B") + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
    }
}
