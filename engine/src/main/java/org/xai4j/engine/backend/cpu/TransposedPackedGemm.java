package org.xai4j.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = A * B^T where B (K x N) is stored in the packed layout {@link Gemm#packB} made for C' = A' * B
 * ({@link GemmPacking}: K blocks of {@link GemmSummation#KC}, slivers of nr columns). Row k of B is then
 * contiguous in runs of nr, so each C element is a dot product of a row of A with a row of B, taken L
 * lanes at a time and folded across the lanes at the end.
 *
 * <p>What it is for: the input gradient of ResNet-18's last stage multiplies by the transposed
 * transformed filters of the forward pass ({@link WinogradConvolution#backwardData}); with this the
 * forward's packed filters serve both directions and no second set (50 MB there) is kept. A pass at
 * batch 4 then keeps its working set in the cache.
 *
 * <p>Each C element is one fixed sequence of operations (a fused multiply-add per lane along N, then a
 * fixed fold across the lanes), whatever the row count or the thread count. The rounding differs from
 * {@link Gemm#sgemm} on the same numbers (another summation order).
 */
final class TransposedPackedGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of A and of B per register tile: 4 x 4 accumulators of L lanes. */
    private static final int R = 4;

    private TransposedPackedGemm() {}

    /** Whether {@link #multiply} takes a B of k x n packed with slivers of nr columns. */
    static boolean accepts(int k, int n, int nr) {
        return L >= 4 && L <= R * R && k % R == 0 && n % L == 0 && nr % L == 0 && GemmSummation.KC % R == 0;
    }

    /**
     * C (m x k) = A (m x n, row stride lda) * B^T for B (k x n) packed with slivers of nr columns.
     *
     * @param a  not modified
     * @param bp not modified
     * @param c  Modified: rows [0, m), columns [0, k), row stride ldc
     * @throws IllegalArgumentException unless {@link #accepts}(k, n, nr)
     */
    static void multiply(int m, int k, int n, float[] a, int aOff, int lda, float[] bp, int nr, float[] c, int cOff, int ldc) {
        if (!accepts(k, n, nr)) throw new IllegalArgumentException("TransposedPackedGemm: k=" + k + " n=" + n + " nr=" + nr);
        int nPad = (n + nr - 1) / nr * nr;
        float[] sums = new float[R * R], acc = new float[R * R * L], rows4 = ROWS.get();
        if (rows4.length < R * n) {
            rows4 = new float[R * n];
            ROWS.set(rows4);
        }
        for (int k0 = 0; k0 < k; k0 += R) {
            int kb = k0 / GemmSummation.KC, kc = Math.min(GemmSummation.KC, k - kb * GemmSummation.KC);
            int row = kb * GemmSummation.KC * nPad + (k0 - kb * GemmSummation.KC) * nr;
            // with several row groups of A, B's four rows are copied together first (4 n floats that stay in
            // L1 while the groups pass; in the packed layout their pieces lie kc * nr floats apart, addresses
            // that share L1 sets): 4 % faster at batch 50. With one group (a few images) the copy would be a
            // second pass over B (0.40 -> 0.66 ms for the last stage at batch 4), so B is read in place.
            boolean copy = m > R;
            if (copy) {
                for (int q = 0; q < R; q++) {
                    for (int j0 = 0, src = row + q * nr; j0 < n; j0 += nr, src += kc * nr) {
                        System.arraycopy(bp, src, rows4, q * n + j0, Math.min(nr, n - j0));
                    }
                }
            }
            float[] b = copy ? rows4 : bp;
            int bRow = copy ? 0 : row, rowStride = copy ? n : nr, sliver = copy ? n : nr, jump = copy ? 0 : kc * nr - nr;
            for (int i0 = 0; i0 < m; i0 += R) {
                int rows = Math.min(R, m - i0);
                // rows past the last re-read it (in bounds) and are never stored
                int a0 = aOff + i0 * lda, a1 = aOff + (i0 + Math.min(1, rows - 1)) * lda;
                int a2 = aOff + (i0 + Math.min(2, rows - 1)) * lda, a3 = aOff + (i0 + Math.min(3, rows - 1)) * lda;
                if (FEW_REGISTERS) {
                    halfTile(n, a, a0, a1, b, bRow, rowStride, sliver, jump, acc, 0);
                    halfTile(n, a, a2, a3, b, bRow, rowStride, sliver, jump, acc, 8 * L);
                } else {
                    tile(n, a, a0, a1, a2, a3, b, bRow, rowStride, sliver, jump, acc);
                }
                fold(acc, sums);
                int cIdx = cOff + i0 * ldc + k0;
                for (int r = 0; r < rows; r++) {
                    for (int q = 0; q < R; q++) c[cIdx + r * ldc + q] = sums[LANE_OF[r * R + q]];
                }
            }
        }
    }

    /**
     * Whether 16 accumulators, four B vectors and an A vector (21) exceed the vector registers: AVX2 has
     * 16 (AVX-512 32). There each 4 x 4 tile is computed as two 2 x 4 halves (13 registers), which reads
     * B twice; each accumulator sees the same operations in the same order either way.
     */
    private static final boolean FEW_REGISTERS = L == 8;

    /**
     * Rows a0 and a1 of a {@link #tile} (the same arguments): their 8 accumulators into acc from
     * {@code out} (= 0 for the tile's first two rows, 8L for its last two).
     */
    private static void halfTile(int n, float[] a, int a0, int a1, float[] b, int bRow, int rowStride, int sliver,
                                 int jump, float[] acc, int out) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        for (int j = 0, bi = bRow, inSliver = 0; j < n; j += L, bi += L) {
            if (inSliver == sliver) {
                bi += jump;
                inSliver = 0;
            }
            inSliver += L;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + rowStride);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * rowStride), b3 = FloatVector.fromArray(S, b, bi + 3 * rowStride);
            FloatVector x = FloatVector.fromArray(S, a, a0 + j);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.fromArray(S, a, a1 + j);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
        }
        c00.intoArray(acc, out);
        c01.intoArray(acc, out + L);
        c02.intoArray(acc, out + 2 * L);
        c03.intoArray(acc, out + 3 * L);
        c10.intoArray(acc, out + 4 * L);
        c11.intoArray(acc, out + 5 * L);
        c12.intoArray(acc, out + 6 * L);
        c13.intoArray(acc, out + 7 * L);
    }

    /** Per-thread copy of four rows of B. */
    private static final ThreadLocal<float[]> ROWS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * One 4 x 4 tile: rows a0..a3 of A against four rows of B, the first at b[bRow], rowStride apart,
     * each contiguous for {@code sliver} floats and then continuing {@code jump} floats further (packed
     * slivers; a copied row is one run); the 16 lane partial sums into acc.
     */
    private static void tile(int n, float[] a, int a0, int a1, int a2, int a3, float[] b, int bRow, int rowStride,
                             int sliver, int jump, float[] acc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        for (int j = 0, bi = bRow, inSliver = 0; j < n; j += L, bi += L) {
            if (inSliver == sliver) {
                bi += jump;
                inSliver = 0;
            }
            inSliver += L;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + rowStride);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * rowStride), b3 = FloatVector.fromArray(S, b, bi + 3 * rowStride);
            FloatVector x = FloatVector.fromArray(S, a, a0 + j);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.fromArray(S, a, a1 + j);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.fromArray(S, a, a2 + j);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.fromArray(S, a, a3 + j);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        // spilled here and folded by fold(): with the fold in this method, C2's register allocator kept
        // six of the sixteen accumulators on the stack through the loop (a load and a store per FMA)
        c00.intoArray(acc, 0);
        c01.intoArray(acc, L);
        c02.intoArray(acc, 2 * L);
        c03.intoArray(acc, 3 * L);
        c10.intoArray(acc, 4 * L);
        c11.intoArray(acc, 5 * L);
        c12.intoArray(acc, 6 * L);
        c13.intoArray(acc, 7 * L);
        c20.intoArray(acc, 8 * L);
        c21.intoArray(acc, 9 * L);
        c22.intoArray(acc, 10 * L);
        c23.intoArray(acc, 11 * L);
        c30.intoArray(acc, 12 * L);
        c31.intoArray(acc, 13 * L);
        c32.intoArray(acc, 14 * L);
        c33.intoArray(acc, 15 * L);
    }

    /**
     * The 16 accumulators in acc (L floats each, row-major over the 4 x 4 tile) folded across their lanes
     * into sums, in the order of {@link #LANE_OF} (see below).
     */
    private static void fold(float[] acc, float[] sums) {
        FloatVector c00 = FloatVector.fromArray(S, acc, 0), c01 = FloatVector.fromArray(S, acc, L);
        FloatVector c02 = FloatVector.fromArray(S, acc, 2 * L), c03 = FloatVector.fromArray(S, acc, 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, acc, 4 * L), c11 = FloatVector.fromArray(S, acc, 5 * L);
        FloatVector c12 = FloatVector.fromArray(S, acc, 6 * L), c13 = FloatVector.fromArray(S, acc, 7 * L);
        FloatVector c20 = FloatVector.fromArray(S, acc, 8 * L), c21 = FloatVector.fromArray(S, acc, 9 * L);
        FloatVector c22 = FloatVector.fromArray(S, acc, 10 * L), c23 = FloatVector.fromArray(S, acc, 11 * L);
        FloatVector c30 = FloatVector.fromArray(S, acc, 12 * L), c31 = FloatVector.fromArray(S, acc, 13 * L);
        FloatVector c32 = FloatVector.fromArray(S, acc, 14 * L), c33 = FloatVector.fromArray(S, acc, 15 * L);
        VectorShuffle<Float> sw = SWAP0;
        VectorMask<Float> hi = HIGH0;
        FloatVector p0 = c00.blend(c01.rearrange(sw), hi).add(c00.rearrange(sw).blend(c01, hi));
        FloatVector p1 = c02.blend(c03.rearrange(sw), hi).add(c02.rearrange(sw).blend(c03, hi));
        FloatVector p2 = c10.blend(c11.rearrange(sw), hi).add(c10.rearrange(sw).blend(c11, hi));
        FloatVector p3 = c12.blend(c13.rearrange(sw), hi).add(c12.rearrange(sw).blend(c13, hi));
        FloatVector p4 = c20.blend(c21.rearrange(sw), hi).add(c20.rearrange(sw).blend(c21, hi));
        FloatVector p5 = c22.blend(c23.rearrange(sw), hi).add(c22.rearrange(sw).blend(c23, hi));
        FloatVector p6 = c30.blend(c31.rearrange(sw), hi).add(c30.rearrange(sw).blend(c31, hi));
        FloatVector p7 = c32.blend(c33.rearrange(sw), hi).add(c32.rearrange(sw).blend(c33, hi));
        sw = SWAP1;
        hi = HIGH1;
        FloatVector q0 = p0.blend(p1.rearrange(sw), hi).add(p0.rearrange(sw).blend(p1, hi));
        FloatVector q1 = p2.blend(p3.rearrange(sw), hi).add(p2.rearrange(sw).blend(p3, hi));
        FloatVector q2 = p4.blend(p5.rearrange(sw), hi).add(p4.rearrange(sw).blend(p5, hi));
        FloatVector q3 = p6.blend(p7.rearrange(sw), hi).add(p6.rearrange(sw).blend(p7, hi));
        if (STAGES == 2) {
            q0.intoArray(sums, 0);
            q1.intoArray(sums, L);
            q2.intoArray(sums, 2 * L);
            q3.intoArray(sums, 3 * L);
        } else {
            sw = SWAP2;
            hi = HIGH2;
            FloatVector r0 = q0.blend(q1.rearrange(sw), hi).add(q0.rearrange(sw).blend(q1, hi));
            FloatVector r1 = q2.blend(q3.rearrange(sw), hi).add(q2.rearrange(sw).blend(q3, hi));
            if (STAGES == 3) {
                r0.intoArray(sums, 0);
                r1.intoArray(sums, L);
            } else {
                sw = SWAP3;
                hi = HIGH3;
                r0.blend(r1.rearrange(sw), hi).add(r0.rearrange(sw).blend(r1, hi)).intoArray(sums, 0);
            }
        }
    }

    /*
     * The sums across lanes of the 16 accumulators, in a fixed order of lanewise operations (not
     * reduceLanes, whose order the Vector API leaves open and which may differ between the compiled and
     * the interpreted code): pairs of vectors are folded by halves, then quarters, and so on (stage st
     * with h = L / 2^(st+1): [a_lo + a_hi, b_lo + b_hi] per 2h-lane group), until each lane holds one
     * accumulator's sum. sums[LANE_OF[i]] is then accumulator i's (row i / 4, column i % 4).
     */
    private static final int STAGES = Integer.numberOfTrailingZeros(L);
    private static final VectorShuffle<Float> SWAP0 = swap(0), SWAP1 = swap(1), SWAP2 = swap(2), SWAP3 = swap(3);
    private static final VectorMask<Float> HIGH0 = high(0), HIGH1 = high(1), HIGH2 = high(2), HIGH3 = high(3);
    private static final int[] LANE_OF = L >= 4 && L <= R * R ? laneOf() : null;

    /** Lane i to lane i ^ h (identity where the stage does not exist for this vector length). */
    private static VectorShuffle<Float> swap(int stage) {
        int h = L >> (stage + 1);
        return VectorShuffle.fromOp(S, i -> h == 0 ? i : i ^ h);
    }

    /** The lanes whose index has bit h set. */
    private static VectorMask<Float> high(int stage) {
        int h = L >> (stage + 1);
        boolean[] bits = new boolean[L];
        for (int i = 0; i < L; i++) bits[i] = h != 0 && (i & h) != 0;
        return VectorMask.fromArray(S, bits, 0);
    }

    /** Where each accumulator's sum lands: found by running tiles in which only accumulator i is nonzero. */
    private static int[] laneOf() {
        float[] a = new float[R * L], bp = new float[R * L], sums = new float[R * R];
        int[] lane = new int[R * R];
        for (int acc = 0; acc < R * R; acc++) {
            java.util.Arrays.fill(a, 0f);
            java.util.Arrays.fill(bp, 0f);
            java.util.Arrays.fill(a, (acc / R) * L, (acc / R + 1) * L, 1f);
            java.util.Arrays.fill(bp, (acc % R) * L, (acc % R + 1) * L, 1f);
            float[] partial = new float[R * R * L];
            tile(L, a, 0, L, 2 * L, 3 * L, bp, 0, L, L, 0, partial);
            fold(partial, sums);
            lane[acc] = -1;
            for (int p = 0; p < R * R; p++) {
                if (sums[p] == L && lane[acc] < 0) lane[acc] = p;
                else if (sums[p] != 0f) throw new IllegalStateException("lane map of the reduction");
            }
            if (lane[acc] < 0) throw new IllegalStateException("lane map of the reduction");
        }
        return lane;
    }
}
