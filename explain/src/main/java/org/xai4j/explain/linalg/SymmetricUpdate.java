package org.xai4j.explain.linalg;

import org.xai4j.engine.backend.Parallel;

/**
 * The one kernel under the normal equations and the Cholesky factorization: the lower triangle of a
 * symmetric p x p matrix C updated by a block of rows, C[i][j] += sign · Σ_t R[t][i] · R[t][j] for j ≤ i
 * (a symmetric rank-k update, BLAS's DSYRK). In float64: the fits it serves must match an SVD to 1e-9,
 * which float32 accumulation over thousands of samples cannot.
 *
 * <p>Row i of C gets, for each group of four t, a four-term axpy of the R rows' first i + 1 values:
 * contiguous double loops that C2 vectorizes; C's row stays in L1 while the block's rows stream from L2. Rows of C are split between the
 * worker threads, each row computed the same way by whichever thread takes it, so the bits do not depend
 * on the thread count.
 */
final class SymmetricUpdate {
    /** Rows of R per pass: 64 rows of 3,072 doubles (1.5 MB) stay in a 2 MB L2 while C's rows pass. */
    static final int BLOCK = 64;

    private SymmetricUpdate() {}

    /**
     * C += sign · R[0..k)ᵀ R[0..k) on the lower triangle (j ≤ i) of the rows [from, p) of C.
     *
     * @param c    Modified: p x p, row-major; only the lower triangle of rows ≥ from is read and written
     * @param r    not modified: k rows, row t at rOff + t * ldr, holding columns [0, p)
     * @param from the first row of C to update; columns below {@code colFrom} are left alone
     */
    static void update(double[] c, int p, int from, int colFrom, double[] r, int rOff, int ldr, int k, double sign) {
        int rows = p - from;
        if (rows <= 0 || k == 0) return;
        // later rows are longer: small grains keep the two threads' shares of the triangle even
        Parallel.forRange(rows, Math.max(1, rows / (8 * Parallel.threads())), (s, e) -> {
            for (int i = from + s; i < from + e; i++) {
                int ci = i * p;
                int len = i + 1 - colFrom;
                int t = 0;
                for (; t + 8 <= k; t += 8) {   // eight rows of R per pass over C's row: 9 loads + 1 store per 8 multiply-adds
                    int r0 = rOff + t * ldr;
                    axpy8(sign, r0, i, r, r0 + colFrom, ldr, c, ci + colFrom, len);
                }
                for (; t + 4 <= k; t += 4) {
                    int r0 = rOff + t * ldr, r1 = r0 + ldr, r2 = r1 + ldr, r3 = r2 + ldr;
                    axpy4(sign * r[r0 + i], sign * r[r1 + i], sign * r[r2 + i], sign * r[r3 + i],
                            r, r0 + colFrom, r1 + colFrom, r2 + colFrom, r3 + colFrom, c, ci + colFrom, len);
                }
                for (; t < k; t++) {
                    int rt = rOff + t * ldr;
                    axpy(sign * r[rt + i], r, rt + colFrom, c, ci + colFrom, len);
                }
            }
        });
    }

    /**
     * y[yo..yo+n) += Σ_{u<8} a_u · x[x0 + u·ld ..) with a_u = sign · x[rowStart + u·ld + i] (R's value at C's
     * row i), summed in u order; C2 vectorizes the loop.
     */
    private static void axpy8(double sign, int rowStart, int i, double[] x, int x0, int ld, double[] y, int yo, int n) {
        double a0 = sign * x[rowStart + i], a1 = sign * x[rowStart + ld + i], a2 = sign * x[rowStart + 2 * ld + i],
                a3 = sign * x[rowStart + 3 * ld + i], a4 = sign * x[rowStart + 4 * ld + i], a5 = sign * x[rowStart + 5 * ld + i],
                a6 = sign * x[rowStart + 6 * ld + i], a7 = sign * x[rowStart + 7 * ld + i];
        int x1 = x0 + ld, x2 = x1 + ld, x3 = x2 + ld, x4 = x3 + ld, x5 = x4 + ld, x6 = x5 + ld, x7 = x6 + ld;
        for (int j = 0; j < n; j++) {
            y[yo + j] = y[yo + j] + a0 * x[x0 + j] + a1 * x[x1 + j] + a2 * x[x2 + j] + a3 * x[x3 + j]
                    + a4 * x[x4 + j] + a5 * x[x5 + j] + a6 * x[x6 + j] + a7 * x[x7 + j];
        }
    }

    /** y[yo..yo+n) += a0·x[x0..) + a1·x[x1..) + a2·x[x2..) + a3·x[x3..), summed in that order; C2 vectorizes it. */
    private static void axpy4(double a0, double a1, double a2, double a3, double[] x, int x0, int x1, int x2, int x3,
                              double[] y, int yo, int n) {
        for (int j = 0; j < n; j++) {
            y[yo + j] = y[yo + j] + a0 * x[x0 + j] + a1 * x[x1 + j] + a2 * x[x2 + j] + a3 * x[x3 + j];
        }
    }

    /** y[yo..yo+n) += a · x[xo..xo+n): the loop C2 vectorizes. */
    private static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int j = 0; j < n; j++) y[yo + j] += a * x[xo + j];
    }
}
