package org.xai4j.engine.backend.cpu;

import java.util.Objects;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * C = alpha * op(A) * op(B) + beta * C, where op(X) is X or its transpose.
 *
 * <p>This is the entry point every CPU kernel calls (matmul, convolution via im2col, linear layers).
 * Small problems run a direct loop ({@link SmallGemm}); larger ones the packed, cache-blocked,
 * multithreaded path ({@link BlockedGemm}) with the Vector API micro-kernel when
 * {@code jdk.incubator.vector} is present, else a plain-Java kernel ({@code -Dxai4j.vector=false}
 * forces that). All paths follow one summation order ({@link GemmSummation}), so the result is
 * bit-identical whichever path runs and whatever {@code Parallel.setThreads} says.
 */
public final class Gemm {
    /**
     * Up to this many multiply-adds (m*n*k) the direct loop beats packing. The blocked path's setup
     * (packing, tiles, narrow kernels for n &lt; 32) dominated the iris-sized MLP: integrated gradients
     * over 300 points took 172 us with the threshold at 128 and 114 us at 2^15 (same results: both
     * paths follow GemmSummation).
     */
    static final long SMALL_WORK = 1L << 15;

    /** The micro-kernels of the blocked path, widest first, chosen once per JVM. */
    static final MicroKernel[] KERNELS = chooseKernels();

    private Gemm() {}

    /**
     * C = alpha * op(A) * op(B) + beta * C, with op(A) m x k and op(B) k x n; beta = 0 overwrites C
     * (NaN in C is not propagated), as BLAS sgemm.
     *
     * @param transA whether A is stored transposed (A is k x m, lda >= m) instead of m x k (lda >= k)
     * @param transB whether B is stored transposed (B is n x k, ldb >= k) instead of k x n (ldb >= n)
     * @param a not modified
     * @param b not modified
     * @param c Modified: the m x n result, row stride ldc; must not overlap a or b
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        checkOperand("C", c, cOff, ldc, m, n, "m x n");
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        checkOperand("A", a, aOff, lda, transA ? k : m, transA ? m : k, transA ? "k x m (transA)" : "m x k");
        checkOperand("B", b, bOff, ldb, transB ? n : k, transB ? k : n, transB ? "n x k (transB)" : "k x n");
        if ((long) m * n * k <= SMALL_WORK) {
            SmallGemm.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            BlockedGemm.multiply(KERNELS, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * Width of the column slivers a k x n B must be packed in for {@link #sgemmPrepackedB} (the widest
     * kernel's columns, or a narrower kernel's when n is small).
     */
    static int packedWidth(int n) {
        return BlockedGemm.forColumns(KERNELS, n).cols();
    }

    /** Floats a packed k x n B occupies (columns padded to the sliver width). */
    static long packedSize(int n, int k) {
        return BlockedGemm.packedBSize(BlockedGemm.forColumns(KERNELS, n), n, k);
    }

    /**
     * C = A * B for row-major A (m x k, lda) and B already packed (by a producer such as im2col) in the
     * layout of {@link GemmPacking} with {@link #packedWidth}(n) columns per sliver and K blocks of
     * {@link GemmSummation#KC}: the same bits as {@link #sgemm} on the unpacked B.
     *
     * @param bPacked not modified
     * @param c       Modified: m x n, row stride ldc
     */
    static void sgemmPrepackedB(int m, int n, int k, float[] a, int aOff, int lda, float[] bPacked, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scale(m, n, 0f, c, cOff, ldc);
            return;
        }
        BlockedGemm.multiplyPrepackedB(BlockedGemm.forColumns(KERNELS, n), false, m, n, k, 1f, a, aOff, lda, bPacked,
                0f, c, cOff, ldc);
    }

    /**
     * B (k x n, row-major, ldb = n) in the packed layout {@link #sgemmPrepackedB} reads, for an operand
     * used many times (a layer's constant weights): the packing is then paid once.
     *
     * @param b not modified
     */
    static float[] packB(int k, int n, float[] b) {
        return BlockedGemm.packB(BlockedGemm.forColumns(KERNELS, n), k, n, b);
    }

    /**
     * op(A) (m x k) packed whole for {@link #sgemmPrepackedA}, for an operand used many times (a layer's
     * constant weights): the GEMM would otherwise copy it into sliver layout on every call.
     *
     * @param a not modified
     */
    static float[] packA(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        return BlockedGemm.packA(KERNELS[0].rows(), transA, m, k, a, aOff, lda);
    }

    /**
     * C = op(A) * op(B) (overwriting C) with op(A) from {@link #packA} and B either packed as
     * {@link #sgemmPrepackedB} takes it (bPacked non-null) or stored (b, transB, ldb): the same bits as
     * {@link #sgemm}.
     *
     * @param aPacked not modified
     * @param c       Modified: m x n, row stride ldc
     */
    static void sgemmPrepackedA(int m, int n, int k, float[] aPacked, boolean transB, float[] b, int bOff, int ldb,
                                float[] bPacked, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scale(m, n, 0f, c, cOff, ldc);
            return;
        }
        MicroKernel kernel = BlockedGemm.forColumns(KERNELS, n);
        if (kernel.rows() != KERNELS[0].rows()) throw new IllegalStateException("micro-kernels of different heights");
        BlockedGemm.multiplyPrepackedA(kernel, m, n, k, aPacked, transB, b, bOff, ldb, bPacked, c, cOff, ldc);
    }

    /** Whether the blocked path runs the Vector API micro-kernel (false: the plain-Java fallback). */
    public static boolean vectorized() {
        return !(KERNELS[0] instanceof ScalarMicroKernel);
    }

    /** C = beta * C (0 when beta = 0): the whole product when k = 0 or alpha = 0. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[row + j] = beta == 0f ? 0f : beta * c[row + j];
        }
    }

    /** Checks that a rows x cols row-major matrix with row stride ld at offset off fits in the array. */
    private static void checkOperand(String name, float[] x, int off, int ld, int rows, int cols, String layout) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: ld" + name.toLowerCase() + " must be >= " + Math.max(1, cols)
                    + " for " + name + " stored " + layout + " (" + rows + " x " + cols + "), got " + ld);
        }
        if (rows == 0 || cols == 0) return;
        Objects.requireNonNull(x, () -> "sgemm: " + name + " is null");
        long needed = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || needed > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " stored " + layout + " (" + rows + " x " + cols
                    + ", ld " + ld + ", offset " + off + ") needs " + needed + " floats, array has " + x.length);
        }
    }

    /**
     * The Vector API kernels if the JVM has {@code jdk.incubator.vector} (loaded by name, so this class
     * links without the module) and {@code xai4j.vector} is not "false"; otherwise the scalar kernel.
     */
    private static MicroKernel[] chooseKernels() {
        MicroKernel[] scalar = {ScalarMicroKernel.INSTANCE};
        if ("false".equalsIgnoreCase(System.getProperty("xai4j.vector", "true").trim())) return scalar;
        try {
            Class<?> cls = Class.forName("org.xai4j.engine.backend.cpu.VectorMicroKernel");
            java.lang.reflect.Method create = cls.getDeclaredMethod("create");
            return (MicroKernel[]) create.invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // module not resolved (NoClassDefFoundError), or too short a vector species
            return scalar;
        }
    }
}
