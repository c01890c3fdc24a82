package org.xai4j.engine.backend.cpu;

/**
 * The plain-Java micro-kernel, used when {@code jdk.incubator.vector} is missing or disabled
 * ({@code -Dxai4j.vector=false}). Same layouts and the same summation order as
 * {@link VectorMicroKernel}, so both give bit-identical results; only the speed differs.
 */
final class ScalarMicroKernel implements MicroKernel {
    static final ScalarMicroKernel INSTANCE = new ScalarMicroKernel();
    private static final int MR = 4;
    private static final int NR = 16;

    private ScalarMicroKernel() {}

    @Override
    public int rows() {
        return MR;
    }

    @Override
    public int cols() {
        return NR;
    }

    @Override
    public void multiply(int kc, float[] a, int aIdx, int aRowStride, int aStep, float[] bp, int bIdx,
                         float[] c, int cIdx, int ldc, int validRows, int validCols,
                         float alpha, float beta, boolean firstBlock, float[] scratch) {
        // scratch holds the accumulators; the j loop is simple enough for C2 to vectorize
        java.util.Arrays.fill(scratch, 0, MR * NR, 0f);
        for (int p = 0; p < kc; p++) {
            int bRow = bIdx + p * NR;
            for (int r = 0; r < validRows; r++) {
                float av = a[aIdx + r * aRowStride + p * aStep];
                int accRow = r * NR;
                for (int j = 0; j < NR; j++) {
                    scratch[accRow + j] = Math.fma(av, bp[bRow + j], scratch[accRow + j]);
                }
            }
        }
        for (int r = 0; r < validRows; r++) {
            int row = cIdx + r * ldc;
            for (int j = 0; j < validCols; j++) {
                c[row + j] = GemmSummation.combine(c[row + j], scratch[r * NR + j], alpha, beta, firstBlock);
            }
        }
    }
}
