package org.xai4j.explain.linalg;

import org.xai4j.engine.backend.Parallel;

/**
 * The one kernel under the normal equations and the Cholesky factorization: the lower triangle of a
 * symmetric p x p matrix C updated by a block of rows, C[i][j] += sign · Σ_t R[t][i] · R[t][j] for j ≤ i
 * (a symmetric rank-k update, BLAS's DSYRK). In float64: the fits it serves must match an SVD to 1e-9,
 * which float32 accumulation over thousands of samples cannot.
 *
 * <p>R's columns are packed twice, as the GEMM packs its operands: in blocks of 4 (the tile's rows of C)
 * and in blocks of {@link SymmetricTile#cols()} (its columns), each block k x width contiguous. A
 * {@link SymmetricTile} then sums the k products of a 4 x cols tile in registers and adds them to C once
 * (an 8-term axpy per C row before this, which loaded and stored C every 8 terms, ran at about 16
 * GFLOPS on two cores). Column blocks are shared out between the worker threads; every element is
 * computed the same way by whichever thread takes its block, so the bits do not depend on the thread
 * count.
 */
final class SymmetricUpdate {
    /** Rows of R per pass: 64 rows of 3,072 doubles (1.5 MB) are packed per update. */
    static final int BLOCK = 64;

    private static final SymmetricTile TILE = SymmetricTile.choose();

    private SymmetricUpdate() {}

    /**
     * C += sign · R[0..k)ᵀ R[0..k) on the lower triangle (colFrom ≤ j ≤ i) of the rows [from, p) of C.
     *
     * @param c       Modified: p x p, row-major; only the lower triangle of rows ≥ from is read and written
     * @param r       not modified: k rows, row t at rOff + t * ldr, holding columns [0, p)
     * @param from    the first row of C to update
     * @param colFrom the first column of C to update (≤ from); columns below it are left alone
     */
    static void update(double[] c, int p, int from, int colFrom, double[] r, int rOff, int ldr, int k, double sign) {
        update(TILE, c, p, from, colFrom, r, rOff, ldr, k, sign);
    }

    /** {@link #update} with a given tile kernel (tests compare the vector kernel with its scalar twin). */
    static void update(SymmetricTile tile, double[] c, int p, int from, int colFrom, double[] r, int rOff, int ldr,
                       int k, double sign) {
        int rows = p - from;
        if (rows <= 0 || k == 0) return;
        final int mr = SymmetricTile.ROWS, nr = tile.cols();
        final int rowBlocks = (rows + mr - 1) / mr, colBlocks = (p - colFrom + nr - 1) / nr;
        final double[] pa = pack(r, rOff, ldr, k, from, p, mr);
        final double[] pb = pack(r, rOff, ldr, k, colFrom, p, nr);
        // column blocks in order, the longest (leftmost) first; claimed one at a time by free workers
        Parallel.forRange(colBlocks, 1, (s, e) -> {
            double[] acc = new double[mr * nr];
            for (int jb = s; jb < e; jb++) {
                int j0 = colFrom + jb * nr;
                // the first row block with a row on or below the diagonal of this column block
                int firstRowBlock = Math.max(0, (j0 - from) / mr);
                for (int ib = firstRowBlock; ib < rowBlocks; ib++) {
                    int i0 = from + ib * mr;
                    if (i0 + mr <= p && j0 + nr <= p && j0 + nr - 1 <= i0) {
                        // wholly inside the triangle: added to C by the kernel
                        tile.multiplyAdd(k, pa, ib * k * mr, pb, jb * k * nr, c, i0 * p + j0, p, sign, acc);
                    } else {
                        tile.multiply(k, pa, ib * k * mr, pb, jb * k * nr, acc);
                        addLower(c, p, i0, j0, acc, mr, nr, sign);
                    }
                }
            }
        });
    }

    /**
     * R's columns [first, p) in blocks of width: block b holds, for t &lt; k, R[t][first + b·width + q] at
     * (b·k + t)·width + q, zero past column p.
     */
    private static double[] pack(double[] r, int rOff, int ldr, int k, int first, int p, int width) {
        int blocks = (p - first + width - 1) / width;
        double[] packed = new double[blocks * k * width];
        for (int b = 0; b < blocks; b++) {
            int col = first + b * width, n = Math.min(width, p - col);
            for (int t = 0; t < k; t++) System.arraycopy(r, rOff + t * ldr + col, packed, (b * k + t) * width, n);
        }
        return packed;
    }

    /** C[i][j] += sign · acc for the tile's elements inside the matrix and on or below the diagonal. */
    private static void addLower(double[] c, int p, int i0, int j0, double[] acc, int mr, int nr, double sign) {
        for (int q = 0; q < mr; q++) {
            int i = i0 + q;
            if (i >= p) break;
            int end = Math.min(Math.min(j0 + nr, i + 1), p), ci = i * p;
            for (int j = j0; j < end; j++) c[ci + j] += sign * acc[q * nr + j - j0];
        }
    }
}
