package org.xai4j.explain.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SymmetricTile} in float64 vectors: a 4 x 2L tile in 8 accumulators (L = 8 doubles with AVX-512,
 * 4 with AVX2), two B vectors and one broadcast per step, 11 registers, so it fits AVX2's 16 as well as
 * AVX-512's 32 (the register blocking of BLIS, Van Zee and van de Geijn, ACM TOMS 41(3), 2015). Each
 * accumulator lane sees the same fused multiply-adds in the same order as the scalar twin.
 */
final class VectorSymmetricTile implements SymmetricTile {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorSymmetricTile() {}

    /** Called by name from {@link SymmetricTile#choose}. */
    static SymmetricTile create() {
        if (L < 2) throw new IllegalStateException("no double vectors on this CPU");
        return new VectorSymmetricTile();
    }

    @Override
    public int cols() {
        return 2 * L;
    }

    @Override
    public void multiplyAdd(int k, double[] pa, int aIdx, double[] pb, int bIdx, double[] c, int cIdx, int ldc,
                            double sign, double[] scratch) {
        // the sums are spilled to scratch and added by a second small method: C2 boxed the accumulators
        // of a single method doing both (the same reason as the engine's DirectConvolution)
        multiply(k, pa, aIdx, pb, bIdx, scratch);
        DoubleVector s = DoubleVector.broadcast(S, sign);
        for (int r = 0; r < ROWS; r++) {
            int ci = cIdx + r * ldc, si = r * 2 * L;
            DoubleVector.fromArray(S, c, ci).add(DoubleVector.fromArray(S, scratch, si).mul(s)).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(DoubleVector.fromArray(S, scratch, si + L).mul(s)).intoArray(c, ci + L);
        }
    }

    @Override
    public void multiply(int k, double[] pa, int aIdx, double[] pb, int bIdx, double[] acc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int t = 0, ai = aIdx, bi = bIdx; t < k; t++, ai += ROWS, bi += 2 * L) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, bi + L);
            DoubleVector a = DoubleVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        int w = 2 * L;
        c00.intoArray(acc, 0);
        c01.intoArray(acc, L);
        c10.intoArray(acc, w);
        c11.intoArray(acc, w + L);
        c20.intoArray(acc, 2 * w);
        c21.intoArray(acc, 2 * w + L);
        c30.intoArray(acc, 3 * w);
        c31.intoArray(acc, 3 * w + L);
    }
}
