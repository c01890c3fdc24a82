package org.xai4j.engine.backend.cpu;

/**
 * The one summation order every GEMM path follows, so that results are identical whichever path
 * (vector, scalar, small) runs and however many threads share the work.
 *
 * <p>K is cut into blocks of {@link #KC}. Within a block each element of C accumulates
 * a[i][p] * b[p][j] from zero with a fused multiply-add per term, p increasing; each block's sum is
 * then folded into C with {@link #combine}, blocks in increasing order. This is the blocking of the
 * packed Goto/BLIS algorithm (Goto and van de Geijn, "Anatomy of high-performance matrix
 * multiplication", ACM TOMS 34(3), 2008, section 4), made the contract for every path.
 */
final class GemmSummation {
    /** Length of a K block: the depth of a packed panel (kc in the Goto/BLIS papers). */
    static final int KC = 256;

    private GemmSummation() {}

    /**
     * One C element after one K block: first block {@code alpha*acc + beta*c} (beta = 0 ignores c,
     * as BLAS does, so NaN in an uninitialised C does not leak), later blocks {@code alpha*acc + c}.
     * Each line is one rounding of a fused multiply-add, so the vector kernels can match it exactly.
     */
    static float combine(float cOld, float acc, float alpha, float beta, boolean firstBlock) {
        if (!firstBlock) return Math.fma(alpha, acc, cOld);
        if (beta == 0f) return alpha * acc;
        return Math.fma(alpha, acc, beta * cOld);
    }
}
