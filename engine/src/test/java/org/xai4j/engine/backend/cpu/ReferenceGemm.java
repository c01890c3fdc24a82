package org.xai4j.engine.backend.cpu;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * The simple twin of {@link Gemm}: the same contract computed with EJML's
 * {@code CommonOps_FDRM.mult}, on copies of op(A) and op(B). Tests compare the fast path against it;
 * the benchmark also times EJML's multithreaded {@code CommonOps_MT_FDRM.mult}.
 */
public final class ReferenceGemm {
    private ReferenceGemm() {}

    /**
     * C = alpha * op(A) * op(B) + beta * C via EJML (single thread); arguments as {@link Gemm#sgemm}.
     *
     * @param a not modified
     * @param b not modified
     * @param c Modified
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(false, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * As {@link #sgemm} with EJML's multithreaded product ({@code CommonOps_MT_FDRM.mult}).
     *
     * @param c Modified
     */
    public static void sgemmMultithreaded(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                          float beta, float[] c, int cOff, int ldc) {
        sgemm(true, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** C = A * B with EJML, on matrices already in EJML form (what the benchmark times). */
    public static void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean multithreaded) {
        if (multithreaded) {
            CommonOps_MT_FDRM.mult(a, b, c);
        } else {
            CommonOps_FDRM.mult(a, b, c);
        }
    }

    private static void sgemm(boolean multithreaded, boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        FMatrixRMaj opA = copy(transA, a, aOff, lda, m, k);
        FMatrixRMaj opB = copy(transB, b, bOff, ldb, k, n);
        FMatrixRMaj product = new FMatrixRMaj(m, n);
        if (m > 0 && n > 0 && k > 0) mult(opA, opB, product, multithreaded);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                float scaled = alpha * product.get(i, j);
                c[ci] = beta == 0f ? scaled : scaled + beta * c[ci];
            }
        }
    }

    /** op(X) as a dense rows x cols EJML matrix; X is stored transposed (cols x rows) when trans. */
    private static FMatrixRMaj copy(boolean trans, float[] x, int off, int ld, int rows, int cols) {
        FMatrixRMaj out = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out.set(i, j, trans ? x[off + j * ld + i] : x[off + i * ld + j]);
            }
        }
        return out;
    }
}
