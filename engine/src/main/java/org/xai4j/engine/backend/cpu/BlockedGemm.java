package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Parallel;

/**
 * The packed, cache-blocked GEMM driver (Goto and van de Geijn, "Anatomy of high-performance matrix
 * multiplication", ACM TOMS 34(3), 2008; Van Zee and van de Geijn, "BLIS", ACM TOMS 41(3), 2015).
 *
 * <p>Two parallel phases. First op(B), and op(A) unless it is read in place, are packed once, whole,
 * into sliver layout (K block by K block, see {@link GemmPacking}). Then C is cut into tiles of at most
 * MC x NC, one task per tile, and a task walks K in blocks of {@link GemmSummation#KC}: for each block
 * its KC x NC slice of packed B stays in L2 while the mr x KC slivers of A stream past it through the
 * micro-kernel. Packing once (rather than per tile) matters: re-packing B for every row of tiles cost
 * a quarter of the time at 1024^3.
 *
 * <p>Each C element belongs to exactly one tile and its sum follows {@link GemmSummation}, so the result
 * does not depend on the tiling, the orientation, the thread count or the kernel.
 */
final class BlockedGemm {
    /** Rows of a C tile. */
    private static final int MC = 256;
    /** Columns of a C tile: a KC x NC block of packed B is 256 KiB, at home in a 1 MiB L2. */
    private static final int NC = 256;
    /**
     * Below this many multiply-adds one thread is faster than handing tiles to the pool: waking the
     * pool's workers cost 60-90 us per {@code Parallel.forRange} on the 2-vCPU test VM (measured with
     * 50 us tasks), and 2 threads only paid off from about 2^24 multiply-adds (256^3).
     */
    private static final long PARALLEL_MIN_WORK = 1L << 24;
    /** Below this many packed floats the calling thread packs alone, for the same reason. */
    private static final long PARALLEL_PACK_MIN_FLOATS = 1L << 20;
    /** Largest packed operand (floats): bigger problems are done in panels of rows or columns. */
    private static final int PANEL_FLOATS = 1 << 22;
    /** About this many floats per packing task. */
    private static final int PACK_TASK_FLOATS = 1 << 15;
    /** Cost of packing one float, in multiply-adds of kernel time (measured: about 16 to 35). */
    private static final long PACK_COST = 16;

    /** Packed op(A) and op(B) of the calling thread, reused across calls. */
    private static final ThreadLocal<float[][]> PACKED = ThreadLocal.withInitial(() -> new float[2][0]);
    /** Per-worker scratch for the micro-kernel's accumulators. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private BlockedGemm() {}

    /**
     * C = alpha * op(A) * op(B) + beta * C with the given kernels (widest first; a narrower one serves
     * products at most its width wide); arguments as {@link Gemm#sgemm}, validated, m, n, k &gt;= 1.
     *
     * @param a not modified
     * @param b not modified
     * @param c Modified
     */
    static void multiply(MicroKernel[] kernels, boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        MicroKernel direct = forColumns(kernels, n);
        MicroKernel swapped = forColumns(kernels, m);
        // C^T = op(B)^T op(A)^T is the same sums; take it when it pads and packs much less, e.g. for
        // a fully connected layer with batch 1 (m = 1), where op(B)^T is then read in place
        if (cost(swapped, !transB, n, m, k) * 5 < cost(direct, transA, m, n, k) * 4) {
            multiplyTransposed(swapped, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            multiplyPanels(direct, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** The narrowest kernel at least n wide, else the widest (kernels[0]). */
    static MicroKernel forColumns(MicroKernel[] kernels, int n) {
        MicroKernel best = kernels[0];
        for (MicroKernel kernel : kernels) {
            if (kernel.cols() >= n && kernel.cols() < best.cols()) best = kernel;
        }
        return best;
    }

    /**
     * Whether op(A) is read in place instead of packed: when each A sliver meets at most two B slivers
     * packing it would not pay back, and a stored (not transposed) A gives the kernel mr sequential
     * row streams. A transposed A in place would jump lda floats per step, a new cache line each.
     */
    static boolean readsAInPlace(MicroKernel kernel, boolean transA, int n) {
        return !transA && ceilDiv(n, kernel.cols()) <= 2;
    }

    /** Estimated time in multiply-adds: padded kernel work plus packing. */
    private static long cost(MicroKernel kernel, boolean transA, int m, int n, int k) {
        long mPad = roundUp(m, kernel.rows()), nPad = roundUp(n, kernel.cols());
        long packed = nPad + (readsAInPlace(kernel, transA, n) ? 0 : mPad);
        return mPad * nPad * k + PACK_COST * packed * k;
    }

    /** Runs the swapped problem into a temporary C^T and copies it back; each element's sum is unchanged. */
    private static void multiplyTransposed(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                                           float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                           float beta, float[] c, int cOff, int ldc) {
        float[] ct = new float[n * m];
        if (beta != 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) ct[j * m + i] = c[cOff + i * ldc + j];
            }
        }
        // op(B)^T is B read with the flag flipped; a*b = b*a exactly, so each fma chain is the same
        multiplyPanels(kernel, !transB, !transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, ct, 0, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = ct[j * m + i];
        }
    }

    /** Splits a problem whose packed operands would be too large into row and column panels. */
    private static void multiplyPanels(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                                       float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                       float beta, float[] c, int cOff, int ldc) {
        int mr = kernel.rows(), nr = kernel.cols();
        int panelM = Math.max(mr, PANEL_FLOATS / k / mr * mr);
        int panelN = Math.max(nr, PANEL_FLOATS / k / nr * nr);
        for (int i0 = 0; i0 < m; i0 += panelM) {
            int rows = Math.min(panelM, m - i0);
            int aPanel = aOff + (transA ? i0 : i0 * lda);
            for (int j0 = 0; j0 < n; j0 += panelN) {
                int cols = Math.min(panelN, n - j0);
                int bPanel = bOff + (transB ? j0 * ldb : j0);
                multiplyPanel(kernel, transA, transB, rows, cols, k, alpha, a, aPanel, lda, b, bPanel, ldb,
                        beta, c, cOff + i0 * ldc + j0, ldc, null, null);
            }
        }
    }

    /** Packs the operands of one panel, then multiplies tile by tile. */
    /**
     * C = alpha * op(A) * B + beta * C with B given already in {@code kernel}'s packed layout (see
     * {@link GemmPacking}: K blocks of {@link GemmSummation#KC}, slivers of kernel.cols() columns, padding
     * columns zero), as a convolution's im2col writes it: the same sums as {@link #multiply}, without
     * the copy of B.
     *
     * @param bPacked not modified
     * @param c       Modified
     */
    static void multiplyPrepackedB(MicroKernel kernel, boolean transA, int m, int n, int k, float alpha,
                                   float[] a, int aOff, int lda, float[] bPacked, float beta, float[] c, int cOff, int ldc) {
        multiplyPanel(kernel, transA, false, m, n, k, alpha, a, aOff, lda, null, 0, 0, beta, c, cOff, ldc, null, bPacked);
    }

    /**
     * C = op(A) * op(B) with op(A) given packed whole by {@link #packA} (a layer's constant weights), B
     * either packed too (bPacked) or stored (b, transB): the same sums as {@link #multiply}.
     *
     * @param aPacked not modified
     * @param c       Modified
     */
    static void multiplyPrepackedA(MicroKernel kernel, int m, int n, int k, float[] aPacked, boolean transB,
                                   float[] b, int bOff, int ldb, float[] bPacked, float[] c, int cOff, int ldc) {
        multiplyPanel(kernel, false, transB, m, n, k, 1f, null, 0, 0, b, bOff, ldb, 0f, c, cOff, ldc, aPacked, bPacked);
    }

    /** op(A) (m x k) packed whole in sliver layout of mr rows, K block by K block. */
    static float[] packA(int mr, boolean transA, int m, int k, float[] a, int aOff, int lda) {
        int mPad = roundUp(m, mr);
        float[] packed = new float[mPad * k];
        for (int p0 = 0; p0 < k; p0 += GemmSummation.KC) {
            GemmPacking.packA(transA, a, aOff, lda, m, 0, mPad / mr, p0, Math.min(GemmSummation.KC, k - p0), mr, packed, p0 * mPad);
        }
        return packed;
    }

    /** B (k x n, row-major) packed whole in {@code kernel}'s layout, K block by K block. */
    static float[] packB(MicroKernel kernel, int k, int n, float[] b) {
        int nr = kernel.cols(), nPad = roundUp(n, nr);
        float[] packed = new float[(int) packedBSize(kernel, n, k)];
        for (int p0 = 0; p0 < k; p0 += GemmSummation.KC) {
            GemmPacking.packB(false, b, 0, n, n, 0, nPad / nr, p0, Math.min(GemmSummation.KC, k - p0), nr, packed, p0 * nPad);
        }
        return packed;
    }

    /** Floats of B in {@code kernel}'s packed layout for a k x n product. */
    static long packedBSize(MicroKernel kernel, int n, int k) {
        return (long) roundUp(n, kernel.cols()) * k;
    }

    private static void multiplyPanel(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                                      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                      float beta, float[] c, int cOff, int ldc, float[] prepackedA, float[] prepackedB) {
        int mr = kernel.rows(), nr = kernel.cols();
        int mPad = roundUp(m, mr), nPad = roundUp(n, nr);
        boolean packA = prepackedA == null && !readsAInPlace(kernel, transA, n);
        float[][] packed = PACKED.get();
        if (packA && packed[0].length < mPad * k) packed[0] = new float[mPad * k];
        if (prepackedB == null && packed[1].length < nPad * k) packed[1] = new float[nPad * k];
        float[] aPack = prepackedA != null ? prepackedA : packed[0], bPack = prepackedB != null ? prepackedB : packed[1];

        // phase 1: pack; a task is a group of slivers in one K block
        int kBlocks = ceilDiv(k, GemmSummation.KC);
        int groupA = Math.max(1, PACK_TASK_FLOATS / (mr * GemmSummation.KC));
        int groupB = Math.max(1, PACK_TASK_FLOATS / (nr * GemmSummation.KC));
        int slA = mPad / mr, slB = nPad / nr;
        int tasksA = packA ? ceilDiv(slA, groupA) : 0, tasksB = prepackedB != null ? 0 : ceilDiv(slB, groupB);
        int packTasks = kBlocks * (tasksA + tasksB);
        boolean parallelPack = (long) ((packA ? mPad : 0) + (prepackedB != null ? 0 : nPad)) * k >= PARALLEL_PACK_MIN_FLOATS;
        Parallel.forRange(packTasks, parallelPack ? 1 : packTasks, (u0, u1) -> {
            for (int u = u0; u < u1; u++) {
                boolean isA = u < kBlocks * tasksA;
                int v = isA ? u : u - kBlocks * tasksA;
                int perBlock = isA ? tasksA : tasksB;
                int p0 = (v / perBlock) * GemmSummation.KC, kc = Math.min(GemmSummation.KC, k - p0);
                if (isA) {
                    int s0 = (v % perBlock) * groupA;
                    GemmPacking.packA(transA, a, aOff, lda, m, s0, Math.min(slA, s0 + groupA), p0, kc, mr,
                            aPack, p0 * mPad);
                } else {
                    int s0 = (v % perBlock) * groupB;
                    GemmPacking.packB(transB, b, bOff, ldb, n, s0, Math.min(slB, s0 + groupB), p0, kc, nr,
                            bPack, p0 * nPad);
                }
            }
        });

        // phase 2: tiles of C, more and smaller until every thread has work
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_WORK;
        int tileM = Math.min(mPad, Math.max(mr, MC / mr * mr));
        int tileN = Math.min(nPad, Math.max(nr, NC / nr * nr));
        int wanted = parallel ? 2 * Parallel.threads() : 1;
        while (ceilDiv(m, tileM) * ceilDiv(n, tileN) < wanted) {
            if (tileN > nr && tileN / nr >= tileM / mr) {
                tileN = roundUp(tileN / 2, nr);
            } else if (tileM > mr) {
                tileM = roundUp(tileM / 2, mr);
            } else {
                break;
            }
        }
        final int tm = tileM, tn = tileN;
        int tilesN = ceilDiv(n, tn);
        int tiles = ceilDiv(m, tm) * tilesN;
        Operand opA = packA || prepackedA != null ? new Operand(aPack, 0, 1, mr, mPad) : new Operand(a, aOff, lda, 1, 0);
        Parallel.forRange(tiles, parallel ? 1 : tiles, (t0, t1) -> {
            float[] scratch = SCRATCH.get();
            if (scratch.length < mr * nr) {
                scratch = new float[mr * nr];
                SCRATCH.set(scratch);
            }
            for (int t = t0; t < t1; t++) {
                int i0 = (t / tilesN) * tm, j0 = (t % tilesN) * tn;
                multiplyTile(kernel, i0, Math.min(tm, m - i0), j0, Math.min(tn, n - j0), k, opA, bPack, nPad,
                        alpha, beta, c, cOff, ldc, scratch);
            }
        });
    }

    /**
     * Where the kernel finds op(A): packed (rowStride 1, step mr, K block p0 at p0 * paddedRows) or
     * A in place (rowStride lda, step 1).
     */
    private static final class Operand {
        final float[] data;
        final int offset, rowStride, step, paddedRows;

        Operand(float[] data, int offset, int rowStride, int step, int paddedRows) {
            this.data = data;
            this.offset = offset;
            this.rowStride = rowStride;
            this.step = step;
            this.paddedRows = paddedRows;
        }

        /** Index of op(A)[i][p0], i a multiple of mr, p0 the start of a K block of depth kc. */
        int index(int i, int p0, int kc) {
            return paddedRows > 0 ? offset + p0 * paddedRows + i * kc : offset + i * rowStride + p0;
        }
    }

    /** One tile of C, rows [i0, i0+rows) and columns [j0, j0+cols), all of K. */
    private static void multiplyTile(MicroKernel kernel, int i0, int rows, int j0, int cols, int k, Operand opA,
                                     float[] bPack, int nPad, float alpha, float beta,
                                     float[] c, int cOff, int ldc, float[] scratch) {
        int mr = kernel.rows(), nr = kernel.cols();
        for (int p0 = 0; p0 < k; p0 += GemmSummation.KC) {
            int kc = Math.min(GemmSummation.KC, k - p0);
            boolean first = p0 == 0;
            int bBlock = p0 * nPad;
            // an A sliver (mr x kc) stays in L1 while the tile's B slivers stream from L2
            for (int ir = 0; ir < rows; ir += mr) {
                int aIdx = opA.index(i0 + ir, p0, kc);
                int validRows = Math.min(mr, rows - ir);
                int cRow = cOff + (i0 + ir) * ldc + j0;
                for (int jr = 0; jr < cols; jr += nr) {
                    kernel.multiply(kc, opA.data, aIdx, opA.rowStride, opA.step, bPack, bBlock + (j0 + jr) * kc,
                            c, cRow + jr, ldc, validRows, Math.min(nr, cols - jr), alpha, beta, first, scratch);
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    private static int ceilDiv(int x, int d) {
        return (x + d - 1) / d;
    }
}
