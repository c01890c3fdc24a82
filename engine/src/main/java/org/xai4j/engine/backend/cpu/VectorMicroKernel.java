package org.xai4j.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast micro-kernels: an 8 x (2 * lanes) tile of C in 16 vector registers (8 x 32 floats with
 * 512-bit vectors), and for products with few columns a narrow 8 x lanes tile (the last ResNet layers
 * at batch 1 have 4 or 16 output pixels). For each p, one broadcast of A per row and one fused
 * multiply-add per row and vector (the BLIS register blocking, Van Zee and van de Geijn, "BLIS: A
 * framework for rapidly instantiating BLAS functionality", ACM TOMS 41(3), 2015, section 3). Written
 * for whatever length SPECIES_PREFERRED has.
 *
 * <p>One float species only, everywhere in the engine (see {@link CpuFeatures}): an
 * 8 x 4 tile in 128-bit vectors used to serve products at most 4 wide, and it made JDK 17's C2 compile
 * whichever kernel ran second 10x slower (see there).
 *
 * <p>This is the only class that touches {@code jdk.incubator.vector}; {@link Gemm} loads it by name
 * so a JVM without the module falls back to {@link ScalarMicroKernel} with identical results.
 */
final class VectorMicroKernel implements MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;

    /**
     * Whether the 8 x 2L tile would not fit the vector registers: AVX2 has 16 (AVX-512 has 32), and 16
     * accumulators plus two B vectors and a broadcast spill every iteration. There the packed wide tile
     * is computed as two 4 x 2L halves (11 registers each), which reads B twice but keeps every
     * accumulator in a register; each element's sum is the same sequence of operations either way.
     */
    private static final boolean FEW_REGISTERS = L == 8;

    /** Tile width: 2L (wide) or L (narrow). */
    private final int nr;

    private VectorMicroKernel(int nr) {
        this.nr = nr;
    }

    /**
     * The kernels, widest first: 8 x 2L and 8 x L. {@link Gemm} calls this
     * reflectively; species are static constants because C2 only turns vector code into SIMD
     * instructions when it knows the species at compile time.
     *
     * @throws IllegalStateException if the preferred species has fewer than 4 floats (no useful SIMD)
     */
    static MicroKernel[] create() {
        if (L < 4) throw new IllegalStateException("vector species too short for the GEMM kernel: " + L + " floats");
        return new MicroKernel[] {new VectorMicroKernel(2 * L), new VectorMicroKernel(L)};
    }

    @Override
    public int rows() {
        return MR;
    }

    @Override
    public int cols() {
        return nr;
    }

    @Override
    public void multiply(int kc, float[] a, int aIdx, int aRowStride, int aStep, float[] bp, int bIdx,
                         float[] c, int cIdx, int ldc, int validRows, int validCols,
                         float alpha, float beta, boolean firstBlock, float[] scratch) {
        if (nr == 2 * L && aRowStride == 1 && aStep == MR && FEW_REGISTERS) {
            accumulateHalfWidePacked(kc, a, aIdx, bp, bIdx, scratch, 0);
            accumulateHalfWidePacked(kc, a, aIdx + MR / 2, bp, bIdx, scratch, MR / 2 * 2 * L);
        } else if (nr == 2 * L && aRowStride == 1 && aStep == MR) {
            accumulateWidePacked(kc, a, aIdx, bp, bIdx, scratch);
        } else if (nr == 2 * L && FEW_REGISTERS) {
            accumulateHalfWide(kc, a, aIdx, aRowStride, aStep, 0, validRows, bp, bIdx, scratch, 0);
            accumulateHalfWide(kc, a, aIdx, aRowStride, aStep, MR / 2, validRows, bp, bIdx, scratch, MR / 2 * 2 * L);
        } else if (nr == 2 * L) {
            accumulateWide(kc, a, aIdx, aRowStride, aStep, validRows, bp, bIdx, scratch);
        } else {
            accumulateNarrow(kc, a, aIdx, aRowStride, aStep, validRows, bp, bIdx, scratch);
        }
        if (validRows == MR && validCols == nr && nr % L == 0) {
            // the vector form of GemmSummation.combine, with the same roundings
            FloatVector alphaV = FloatVector.broadcast(S, alpha);
            FloatVector betaV = FloatVector.broadcast(S, beta);
            // one loop per case: a vector chosen between two expressions (a phi) was boxed by C2, and the
            // store ran through the Vector API's Java fallback (11 % of a ResNet-18 Grad-CAM with 8 lanes)
            if (firstBlock && beta == 0f) {
                for (int r = 0; r < MR; r++) {
                    for (int v = 0; v < nr; v += L) {
                        FloatVector.fromArray(S, scratch, r * nr + v).mul(alphaV).intoArray(c, cIdx + r * ldc + v);
                    }
                }
            } else if (firstBlock) {
                for (int r = 0; r < MR; r++) {
                    for (int v = 0; v < nr; v += L) {
                        int idx = cIdx + r * ldc + v;
                        FloatVector old = FloatVector.fromArray(S, c, idx);
                        FloatVector.fromArray(S, scratch, r * nr + v).fma(alphaV, old.mul(betaV)).intoArray(c, idx);
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    for (int v = 0; v < nr; v += L) {
                        int idx = cIdx + r * ldc + v;
                        FloatVector old = FloatVector.fromArray(S, c, idx);
                        FloatVector.fromArray(S, scratch, r * nr + v).fma(alphaV, old).intoArray(c, idx);
                    }
                }
            }
        } else {
            for (int r = 0; r < validRows; r++) {
                int row = cIdx + r * ldc;
                for (int j = 0; j < validCols; j++) {
                    c[row + j] = GemmSummation.combine(c[row + j], scratch[r * nr + j], alpha, beta, firstBlock);
                }
            }
        }
    }

    /**
     * scratch[r*2L + j] = sum_p A(r, p) * B(p, j), 16 accumulators in registers. The sums are spilled
     * to scratch (1 KiB, stays in L1) rather than returned: a vector crossing a call boundary that C2
     * does not inline is boxed on the heap, which cost a third of the speed.
     */
    private static void accumulateWide(int kc, float[] a, int aIdx, int rowStride, int step, int validRows,
                                       float[] bp, int bIdx, float[] scratch) {
        // rows past the valid ones re-read the last valid row: in bounds, and never stored
        int last = validRows - 1;
        int o1 = Math.min(1, last) * rowStride, o2 = Math.min(2, last) * rowStride;
        int o3 = Math.min(3, last) * rowStride, o4 = Math.min(4, last) * rowStride;
        int o5 = Math.min(5, last) * rowStride, o6 = Math.min(6, last) * rowStride;
        int o7 = Math.min(7, last) * rowStride;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int ai = aIdx, bi = bIdx;
        for (int p = 0; p < kc; p++, ai += step, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + o1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + o2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + o3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + o4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + o5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[ai + o6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ai + o7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int w = 2 * L;
        c00.intoArray(scratch, 0);
        c01.intoArray(scratch, L);
        c10.intoArray(scratch, w);
        c11.intoArray(scratch, w + L);
        c20.intoArray(scratch, 2 * w);
        c21.intoArray(scratch, 2 * w + L);
        c30.intoArray(scratch, 3 * w);
        c31.intoArray(scratch, 3 * w + L);
        c40.intoArray(scratch, 4 * w);
        c41.intoArray(scratch, 4 * w + L);
        c50.intoArray(scratch, 5 * w);
        c51.intoArray(scratch, 5 * w + L);
        c60.intoArray(scratch, 6 * w);
        c61.intoArray(scratch, 6 * w + L);
        c70.intoArray(scratch, 7 * w);
        c71.intoArray(scratch, 7 * w + L);
    }

    /**
     * {@link #accumulateWide} for a packed A sliver: the row offsets are constants, which keeps seven
     * registers free and measured 6% faster (107 against 101 GFLOPS on one core).
     */
    private static void accumulateWidePacked(int kc, float[] a, int aIdx, float[] bp, int bIdx, float[] scratch) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int ai = aIdx, bi = bIdx;
        for (int p = 0; p < kc; p++, ai += MR, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int w = 2 * L;
        c00.intoArray(scratch, 0);
        c01.intoArray(scratch, L);
        c10.intoArray(scratch, w);
        c11.intoArray(scratch, w + L);
        c20.intoArray(scratch, 2 * w);
        c21.intoArray(scratch, 2 * w + L);
        c30.intoArray(scratch, 3 * w);
        c31.intoArray(scratch, 3 * w + L);
        c40.intoArray(scratch, 4 * w);
        c41.intoArray(scratch, 4 * w + L);
        c50.intoArray(scratch, 5 * w);
        c51.intoArray(scratch, 5 * w + L);
        c60.intoArray(scratch, 6 * w);
        c61.intoArray(scratch, 6 * w + L);
        c70.intoArray(scratch, 7 * w);
        c71.intoArray(scratch, 7 * w + L);
    }

    /**
     * Rows aIdx .. aIdx + 3 of a packed 8-row A sliver times the packed B sliver: scratch[out + r*2L + j]
     * for r &lt; 4 (see {@link #FEW_REGISTERS}).
     */
    private static void accumulateHalfWidePacked(int kc, float[] a, int aIdx, float[] bp, int bIdx, float[] scratch,
                                                 int out) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        int ai = aIdx, bi = bIdx;
        for (int p = 0; p < kc; p++, ai += MR, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        int w = 2 * L;
        c00.intoArray(scratch, out);
        c01.intoArray(scratch, out + L);
        c10.intoArray(scratch, out + w);
        c11.intoArray(scratch, out + w + L);
        c20.intoArray(scratch, out + 2 * w);
        c21.intoArray(scratch, out + 2 * w + L);
        c30.intoArray(scratch, out + 3 * w);
        c31.intoArray(scratch, out + 3 * w + L);
    }

    /**
     * Rows firstRow .. firstRow + 3 of {@link #accumulateWide} into scratch[out + r*2L + j] (r &lt; 4), for
     * {@link #FEW_REGISTERS}: A read in place (a product of at most two tiles' width, e.g. an MLP layer of
     * 32 units) would otherwise spill 16 accumulators every iteration on AVX2. It stays apart from
     * {@link #accumulateHalfWidePacked}, whose row offsets are constants: serving packed slivers from here
     * made a 512^3 product 19 % slower with 8 lanes (2.72 -> 3.23 ms, one thread).
     */
    private static void accumulateHalfWide(int kc, float[] a, int aIdx, int rowStride, int step, int firstRow, int validRows,
                                           float[] bp, int bIdx, float[] scratch, int out) {
        // rows past the valid ones re-read the last valid row: in bounds, and never stored
        int last = validRows - 1;
        int o0 = Math.min(firstRow, last) * rowStride, o1 = Math.min(firstRow + 1, last) * rowStride;
        int o2 = Math.min(firstRow + 2, last) * rowStride, o3 = Math.min(firstRow + 3, last) * rowStride;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        int ai = aIdx, bi = bIdx;
        for (int p = 0; p < kc; p++, ai += step, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[ai + o0]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + o1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + o2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + o3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        int w = 2 * L;
        c00.intoArray(scratch, out);
        c01.intoArray(scratch, out + L);
        c10.intoArray(scratch, out + w);
        c11.intoArray(scratch, out + w + L);
        c20.intoArray(scratch, out + 2 * w);
        c21.intoArray(scratch, out + 2 * w + L);
        c30.intoArray(scratch, out + 3 * w);
        c31.intoArray(scratch, out + 3 * w + L);
    }

    /** scratch[r*L + j] = sum_p A(r, p) * B(p, j), 8 accumulators: for products only a vector wide. */
    private static void accumulateNarrow(int kc, float[] a, int aIdx, int rowStride, int step, int validRows,
                                         float[] bp, int bIdx, float[] scratch) {
        int last = validRows - 1;
        int o1 = Math.min(1, last) * rowStride, o2 = Math.min(2, last) * rowStride;
        int o3 = Math.min(3, last) * rowStride, o4 = Math.min(4, last) * rowStride;
        int o5 = Math.min(5, last) * rowStride, o6 = Math.min(6, last) * rowStride;
        int o7 = Math.min(7, last) * rowStride;
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int ai = aIdx, bi = bIdx;
        for (int p = 0; p < kc; p++, ai += step, bi += L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            c0 = FloatVector.broadcast(S, a[ai]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ai + o1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ai + o2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ai + o3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ai + o4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ai + o5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ai + o6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ai + o7]).fma(b0, c7);
        }
        c0.intoArray(scratch, 0);
        c1.intoArray(scratch, L);
        c2.intoArray(scratch, 2 * L);
        c3.intoArray(scratch, 3 * L);
        c4.intoArray(scratch, 4 * L);
        c5.intoArray(scratch, 5 * L);
        c6.intoArray(scratch, 6 * L);
        c7.intoArray(scratch, 7 * L);
    }
}
