package org.xai4j.engine.backend.cpu;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * C = alpha * op(A) * op(B) + beta * C, where op(X) is X or its transpose.
 *
 * <p>This is the entry point every CPU kernel calls (matmul, convolution via im2col, linear layers).
 * The current body is a plain triple loop; the fast packed/blocked path replaces it.
 */
public final class Gemm {
    private Gemm() {}

    /**
     * @param transA whether A is stored transposed (A is k x m, lda >= m) instead of m x k (lda >= k)
     * @param transB whether B is stored transposed (B is n x k, ldb >= k) instead of k x n (ldb >= n)
     * @param a not modified
     * @param b not modified
     * @param c Modified: the m x n result, row stride ldc
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = alpha * s + (beta == 0f ? 0f : beta * c[ci]);
            }
        }
    }
}
