package org.xai4j.engine.random;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PhiloxBlocks} in 32-bit vector lanes, one block per lane (Salmon et al., SC'11: the rounds of
 * different counters are independent, so lanes never interact). A round needs hi32 and lo32 of the
 * products M0 * c0 and M1 * c2; lo32 is the lane multiply, hi32 is assembled from 16-bit halves:
 * with a = ah 2^16 + al and M = mh 2^16 + ml, t = al ml, u = ah ml + (t &gt;&gt;&gt; 16),
 * v = al mh + (u &amp; 0xFFFF), hi32 = ah mh + (u &gt;&gt;&gt; 16) + (v &gt;&gt;&gt; 16), every partial sum below 2^32.
 * Measured on one Zen 4 core (JDK 17): 3.4 ns per block with 16 lanes, 6.3 ns with 8 (AVX2), against
 * 9-11 ns for the scalar loop; 64-bit lanes (LongVector.mul) took 3.1 ns with AVX-512 but 14 ns with
 * AVX2, which has no 64-bit lane multiply for C2 to use.
 */
final class VectorPhiloxBlocks implements PhiloxBlocks {
    static final VectorPhiloxBlocks INSTANCE = new VectorPhiloxBlocks();

    private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** The float species of the same shape: the engine's one float species (see CpuFeatures). */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85;
    /**
     * Shuffles and masks that interleave four word vectors (lane = block) into element order (lane = word
     * of a block), a 4 x L transpose in two zips: lanes of a and b paired (a0 b0 a1 b1 ..: both spread by
     * {@code SPREAD_*}, b's taken on odd lanes), then 2-lane units of ab and cd (a0 b0 c0 d0 ..: both
     * spread by {@code UNITS_*}, cd's taken where k % 4 &gt;= 2). One-vector rearranges and blends with
     * constant masks: the two-vector {@code rearrange(shuffle, v)} made the whole MC dropout run slower
     * than the scalar copy it replaced (8 lanes, one thread: 41 -> 61 ms).
     */
    private static final VectorShuffle<Integer> SPREAD_LO = spread(0), SPREAD_HI = spread(1);
    private static final VectorShuffle<Integer> UNITS_LO = units(0), UNITS_HI = units(1);
    private static final VectorMask<Integer> ODD = mask(1), UPPER_PAIR = mask(2);

    private VectorPhiloxBlocks() {}

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void compute(int k0, int k1, int[] c0, int[] c1, int[] c2, int[] c3, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            computeLanes(k0, k1, c0, c1, c2, c3, i);
        }
        int[] w = new int[4];
        for (; i < n; i++) {
            PhiloxRandom.block(c0[i], c1[i], c2[i], c3[i], k0, k1, w);
            c0[i] = w[0];
            c1[i] = w[1];
            c2[i] = w[2];
            c3[i] = w[3];
        }
    }

    private static void computeLanes(int k0, int k1, int[] a0, int[] a1, int[] a2, int[] a3, int off) {
        IntVector c0 = IntVector.fromArray(S, a0, off), c1 = IntVector.fromArray(S, a1, off);
        IntVector c2 = IntVector.fromArray(S, a2, off), c3 = IntVector.fromArray(S, a3, off);
        for (int r = 0; r < 10; r++) {
            // the state is loop-carried: give C2 its exact class before calling methods on it (see CpuFeatures)
            c0 = (IntVector) S.vectorType().cast(c0);
            c2 = (IntVector) S.vectorType().cast(c2);
            IntVector lo0 = c0.mul(M0), lo1 = c2.mul(M1);
            IntVector hi0 = mulHi(c0, M0), hi1 = mulHi(c2, M1);
            // the round of PhiloxRandom.block: (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
            IntVector n0 = hi1.lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, k0);
            IntVector n2 = hi0.lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, k1);
            c0 = n0;
            c1 = lo1;
            c2 = n2;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        // casts written out, not through exact(): C2 stops inlining in this method (NodeCountInliningCutoff),
        // and a call there would box each vector
        ((IntVector) S.vectorType().cast(c0)).intoArray(a0, off);
        ((IntVector) S.vectorType().cast(c1)).intoArray(a1, off);
        ((IntVector) S.vectorType().cast(c2)).intoArray(a2, off);
        ((IntVector) S.vectorType().cast(c3)).intoArray(a3, off);
    }

    @Override
    public void maskBits(int[] words, int n, int threshold, int scaleBits) {
        int i = 0;
        for (; i + L <= n; i += L) {
            IntVector w = IntVector.fromArray(S, words, i).lanewise(VectorOperators.LSHR, 8).sub(threshold);
            IntVector.broadcast(S, scaleBits).and(w.lanewise(VectorOperators.LSHR, 31).neg()).intoArray(words, i);
        }
        for (; i < n; i++) words[i] = PhiloxBlocks.maskBit(words[i], threshold, scaleBits);
    }

    @Override
    public void writeMasks(int[] c0, int[] c1, int[] c2, int[] c3, int n, int threshold, int scaleBits,
                           float[] x, float[] y, int at) {
        int i = 0;
        IntVector scale = IntVector.broadcast(S, scaleBits);
        for (; i + L <= n; i += L) {
            IntVector a = maskLanes(IntVector.fromArray(S, c0, i), threshold, scale);
            IntVector b = maskLanes(IntVector.fromArray(S, c1, i), threshold, scale);
            IntVector c = maskLanes(IntVector.fromArray(S, c2, i), threshold, scale);
            IntVector d = maskLanes(IntVector.fromArray(S, c3, i), threshold, scale);
            IntVector abLo = a.rearrange(SPREAD_LO).blend(b.rearrange(SPREAD_LO), ODD);
            IntVector abHi = a.rearrange(SPREAD_HI).blend(b.rearrange(SPREAD_HI), ODD);
            IntVector cdLo = c.rearrange(SPREAD_LO).blend(d.rearrange(SPREAD_LO), ODD);
            IntVector cdHi = c.rearrange(SPREAD_HI).blend(d.rearrange(SPREAD_HI), ODD);
            int o = at + 4 * i;
            store(abLo.rearrange(UNITS_LO).blend(cdLo.rearrange(UNITS_LO), UPPER_PAIR), x, y, o);
            store(abLo.rearrange(UNITS_HI).blend(cdLo.rearrange(UNITS_HI), UPPER_PAIR), x, y, o + L);
            store(abHi.rearrange(UNITS_LO).blend(cdHi.rearrange(UNITS_LO), UPPER_PAIR), x, y, o + 2 * L);
            store(abHi.rearrange(UNITS_HI).blend(cdHi.rearrange(UNITS_HI), UPPER_PAIR), x, y, o + 3 * L);
        }
        if (i < n) {
            PhiloxBlocks.super.writeMasks(tail(c0, i, n), tail(c1, i, n), tail(c2, i, n), tail(c3, i, n), n - i,
                    threshold, scaleBits, x, y, at + 4 * i);
        }
    }

    private static int[] tail(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    /** scale's bits where the word's top 24 bits are below threshold, else 0 ({@link PhiloxBlocks#maskBit}). */
    private static IntVector maskLanes(IntVector words, int threshold, IntVector scale) {
        IntVector t = words.lanewise(VectorOperators.LSHR, 8).sub(threshold);
        return scale.and(t.lanewise(VectorOperators.LSHR, 31).neg());
    }

    /** y[o ..] = the masks, or x[o ..] times them. */
    private static void store(IntVector maskBits, float[] x, float[] y, int o) {
        FloatVector m = maskBits.reinterpretAsFloats();
        if (x == null) {
            m.intoArray(y, o);
        } else {
            FloatVector.fromArray(F, x, o).mul(m).intoArray(y, o);
        }
    }

    /** Lane k takes lane k / 2 of the low (half 0) or high (half 1) half. */
    private static VectorShuffle<Integer> spread(int half) {
        int[] idx = new int[L];
        for (int k = 0; k < L; k++) idx[k] = half * L / 2 + k / 2;
        return VectorShuffle.fromValues(S, idx);
    }

    /** Lane k takes lane k % 2 of 2-lane unit k / 4 of the low (half 0) or high (half 1) half. */
    private static VectorShuffle<Integer> units(int half) {
        int[] idx = new int[L];
        for (int k = 0; k < L; k++) idx[k] = 2 * (half * L / 4 + k / 4) + k % 2;
        return VectorShuffle.fromValues(S, idx);
    }

    /** Lanes k with k &amp; bit set. */
    private static VectorMask<Integer> mask(int bit) {
        boolean[] m = new boolean[L];
        for (int k = 0; k < L; k++) m[k] = (k & bit) != 0;
        return VectorMask.fromValues(S, m);
    }

    /** The high 32 bits of the unsigned 64-bit product a * m, per lane. */
    private static IntVector mulHi(IntVector a, int m) {
        int mh = m >>> 16, ml = m & 0xFFFF;
        IntVector al = a.and(0xFFFF), ah = a.lanewise(VectorOperators.LSHR, 16);
        IntVector t = al.mul(ml);
        IntVector u = ah.mul(ml).add(t.lanewise(VectorOperators.LSHR, 16));
        IntVector v = al.mul(mh).add(u.and(0xFFFF));
        return ah.mul(mh).add(u.lanewise(VectorOperators.LSHR, 16)).add(v.lanewise(VectorOperators.LSHR, 16));
    }
}
