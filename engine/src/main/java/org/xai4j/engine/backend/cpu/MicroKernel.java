package org.xai4j.engine.backend.cpu;

/**
 * The register-blocked inner kernel of the packed GEMM: one rows() x cols() tile of C from a sliver
 * of A and a packed sliver of B (the Goto/BLIS "micro-kernel").
 *
 * <p>A is read through strides, so the same kernel takes a packed sliver (rowStride 1, step rows())
 * or op(A) in place (A: rowStride lda, step 1; A stored transposed: rowStride 1, step lda). Rows at or
 * beyond validRows are never read. B is always packed (see {@link GemmPacking}): for each p, cols()
 * consecutive values, zero-padded to full width.
 */
interface MicroKernel {
    /** Rows of the C tile (mr). */
    int rows();

    /** Columns of the C tile (nr), the width of a packed B sliver. */
    int cols();

    /**
     * C[r][j] = combine(C[r][j], sum_p A(r, p) * bPack[bIdx + p*cols() + j]) for r &lt; validRows,
     * j &lt; validCols, p &lt; kc, with A(r, p) = a[aIdx + r*aRowStride + p*aStep], summing in the order
     * of {@link GemmSummation}.
     *
     * @param a not modified
     * @param bPack not modified
     * @param c Modified: the tile starting at cIdx, row stride ldc
     * @param scratch Modified: at least rows()*cols() floats
     */
    void multiply(int kc, float[] a, int aIdx, int aRowStride, int aStep, float[] bPack, int bIdx,
                  float[] c, int cIdx, int ldc, int validRows, int validCols,
                  float alpha, float beta, boolean firstBlock, float[] scratch);
}
