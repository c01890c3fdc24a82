package org.xai4j.engine.backend.cpu;

/**
 * GEMM for problems too small to repay packing: a row of C at a time, with no copies beyond one row
 * of accumulators. Follows the summation order of {@link GemmSummation}, so it gives the same bits as
 * the blocked path on the same problem.
 */
final class SmallGemm {
    private SmallGemm() {}

    /**
     * C = alpha * op(A) * op(B) + beta * C; arguments as {@link Gemm#sgemm}, validated, m, n, k &gt;= 1.
     *
     * @param c Modified
     */
    static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        float[] acc = new float[n];
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            for (int p0 = 0; p0 < k; p0 += GemmSummation.KC) {
                int pEnd = Math.min(k, p0 + GemmSummation.KC);
                java.util.Arrays.fill(acc, 0f);
                for (int p = p0; p < pEnd; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    if (transB) {
                        for (int j = 0; j < n; j++) acc[j] = Math.fma(av, b[bOff + j * ldb + p], acc[j]);
                    } else {
                        int bRow = bOff + p * ldb;
                        for (int j = 0; j < n; j++) acc[j] = Math.fma(av, b[bRow + j], acc[j]);
                    }
                }
                boolean first = p0 == 0;
                for (int j = 0; j < n; j++) c[cRow + j] = GemmSummation.combine(c[cRow + j], acc[j], alpha, beta, first);
            }
        }
    }
}
