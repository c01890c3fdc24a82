package org.xai4j.explain.linalg;

import org.xai4j.engine.backend.cpu.CpuFeatures;

/**
 * One register tile of {@link SymmetricUpdate}: acc[r * cols() + c] = Σ_t A[t][r] · B[t][c] for r &lt; 4, c
 * &lt; cols(), over packed A (k x 4) and B (k x cols()) blocks, one fused multiply-add per term in t order
 * from zero. The vector kernel and the scalar twin below give the same bits.
 */
interface SymmetricTile {
    /** Rows of C per tile. */
    int ROWS = 4;

    /** Columns of C per tile. */
    int cols();

    /**
     * @param pa  not modified: k x 4 doubles from aIdx, row t holding A[t][0..4)
     * @param pb  not modified: k x cols() doubles from bIdx
     * @param acc Modified: 4 x cols(), overwritten
     */
    void multiply(int k, double[] pa, int aIdx, double[] pb, int bIdx, double[] acc);

    /**
     * C[cIdx + r·ldc + q] += sign · (the tile's sum), for a tile wholly inside the updated triangle: the sums
     * never leave the registers. The same bits as {@link #multiply} followed by that addition.
     *
     * @param c Modified: the 4 x cols() elements from cIdx, rows ldc apart
     */
    default void multiplyAdd(int k, double[] pa, int aIdx, double[] pb, int bIdx, double[] c, int cIdx, int ldc,
                             double sign, double[] scratch) {
        multiply(k, pa, aIdx, pb, bIdx, scratch);
        int n = cols();
        for (int r = 0; r < ROWS; r++) {
            for (int q = 0; q < n; q++) c[cIdx + r * ldc + q] += sign * scratch[r * n + q];
        }
    }

    /** The scalar twin: the same fused multiply-adds in the same order, eight columns wide. */
    SymmetricTile SCALAR = new SymmetricTile() {
        @Override
        public int cols() {
            return 8;
        }

        @Override
        public void multiply(int k, double[] pa, int aIdx, double[] pb, int bIdx, double[] acc) {
            java.util.Arrays.fill(acc, 0, ROWS * 8, 0.0);
            for (int t = 0; t < k; t++) {
                int ai = aIdx + t * ROWS, bi = bIdx + t * 8;
                for (int r = 0; r < ROWS; r++) {
                    double a = pa[ai + r];
                    for (int c = 0; c < 8; c++) acc[r * 8 + c] = Math.fma(a, pb[bi + c], acc[r * 8 + c]);
                }
            }
        }
    };

    /**
     * The Vector API tile wherever the engine's kernels run vectorized ({@link CpuFeatures#lanes()} &gt; 1:
     * the JVM has {@code jdk.incubator.vector} and {@code xai4j.vector} is not "false"), loaded by name so
     * this links without the module; else {@link #SCALAR}.
     */
    static SymmetricTile choose() {
        if (CpuFeatures.lanes() == 1) return SCALAR;
        try {
            Class<?> cls = Class.forName("org.xai4j.explain.linalg.VectorSymmetricTile");
            return (SymmetricTile) cls.getDeclaredMethod("create").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return SCALAR;
        }
    }
}
