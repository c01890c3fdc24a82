package org.xai4j.engine.random;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
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
 * A round is a chain of about 12 dependent instructions, so two groups of lanes run interleaved.
 * Measured on one Zen 4 core (JDK 17), per block: 2.0 ns with 16 lanes, 4.8 ns with 8 (AVX2), against
 * 9-11 ns for the scalar loop (one group at a time: 3.3 and 6.7 ns); 64-bit lanes (LongVector.mul) took
 * 3.1 ns with AVX-512 but 14 ns with AVX2, which has no 64-bit lane multiply for C2 to use.
 */
final class VectorPhiloxBlocks implements PhiloxBlocks {
    static final VectorPhiloxBlocks INSTANCE = new VectorPhiloxBlocks();

    private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** 64-bit lanes of the same shape, to pair words of neighbouring 32-bit lanes with shifts. */
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    /** The float species of the same shape: the engine's one float species (see CpuFeatures). */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private static final int M0H = M0 >>> 16, M0L = M0 & 0xFFFF, M1H = M1 >>> 16, M1L = M1 & 0xFFFF;
    private static final int W0 = 0x9E3779B9, W1 = 0xBB67AE85;
    /**
     * The 4 x L transpose of a mask run (four word vectors, lane = block, into element order) with as few
     * lane permutes as possible, because each {@code rearrange} also checks its shuffle (JDK 17), which
     * cost more than the permute: 16 of them per group took 2.6 ns a block with 8 lanes, 1.0 ns with the
     * checks switched off. Here a group's counters are first permuted so that block p sits in lane
     * {@code LANE_OF[p]}; then words a, b of 32-bit lanes 2j and 2j+1 are paired within their 64-bit lane
     * by shifts (ab_even = a_2j | b_2j &lt;&lt; 32, ab_odd = a_2j+1 | b_2j+1 &lt;&lt; 32, likewise cd), and
     * one swap of neighbouring 64-bit lanes per output vector puts cd beside ab: out0 = blend(ab_even,
     * swap(cd_even)) holds the blocks of lanes 0, 4, 8, ..; out1 = blend(swap(ab_even), cd_even) those of
     * lanes 2, 6, ..; out2 and out3 the same from the odd pairs (lanes 1, 5, .. and 3, 7, ..). Eight
     * permutes per group instead of sixteen, and no blend of 32-bit lanes.
     */
    private static final VectorShuffle<Integer> TO_LANES = toLanes();
    private static final VectorShuffle<Long> SWAP = swapPairs();
    private static final VectorMask<Long> ODD = oddLanes();
    private static final long LOW = 0xFFFFFFFFL, HIGH = ~LOW;

    private VectorPhiloxBlocks() {}

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void compute(int k0, int k1, int[] c0, int[] c1, int[] c2, int[] c3, int n) {
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            computeTwoGroups(k0, k1, c0, c1, c2, c3, i);
        }
        if (i + L <= n) {
            // one whole group left: the first of a pair whose second is a copy of it (one loop body, not two)
            int[][] pair = new int[4][2 * L];
            int[][] words = {c0, c1, c2, c3};
            for (int w = 0; w < 4; w++) {
                System.arraycopy(words[w], i, pair[w], 0, L);
                System.arraycopy(words[w], i, pair[w], L, L);
            }
            computeTwoGroups(k0, k1, pair[0], pair[1], pair[2], pair[3], 0);
            for (int w = 0; w < 4; w++) System.arraycopy(pair[w], 0, words[w], i, L);
            i += L;
        }
        PhiloxBlocks.computeScalar(k0, k1, c0, c1, c2, c3, i, n);
    }

    /** Blocks [off, off + 2L) in place: two independent groups interleaved, so each fills the other's latency. */
    private static void computeTwoGroups(int k0, int k1, int[] a0, int[] a1, int[] a2, int[] a3, int off) {
        int off2 = off + L;
        IntVector c0 = IntVector.fromArray(S, a0, off), c1 = IntVector.fromArray(S, a1, off);
        IntVector c2 = IntVector.fromArray(S, a2, off), c3 = IntVector.fromArray(S, a3, off);
        IntVector d0 = IntVector.fromArray(S, a0, off2), d1 = IntVector.fromArray(S, a1, off2);
        IntVector d2 = IntVector.fromArray(S, a2, off2), d3 = IntVector.fromArray(S, a3, off2);
        for (int r = 0; r < 10; r++) {
            // the state is loop-carried: give C2 its exact class before calling methods on it (see CpuFeatures)
            c0 = (IntVector) S.vectorType().cast(c0);
            c2 = (IntVector) S.vectorType().cast(c2);
            d0 = (IntVector) S.vectorType().cast(d0);
            d2 = (IntVector) S.vectorType().cast(d2);
            // hi32 of M0 * c0 (h0, g0) and M1 * c2 (h1, g1) from 16-bit halves, as the class comment says
            IntVector cl0 = c0.and(0xFFFF), ch0 = c0.lanewise(VectorOperators.LSHR, 16);
            IntVector dl0 = d0.and(0xFFFF), dh0 = d0.lanewise(VectorOperators.LSHR, 16);
            IntVector cl2 = c2.and(0xFFFF), ch2 = c2.lanewise(VectorOperators.LSHR, 16);
            IntVector dl2 = d2.and(0xFFFF), dh2 = d2.lanewise(VectorOperators.LSHR, 16);
            IntVector uc0 = ch0.mul(M0L).add(cl0.mul(M0L).lanewise(VectorOperators.LSHR, 16));
            IntVector ud0 = dh0.mul(M0L).add(dl0.mul(M0L).lanewise(VectorOperators.LSHR, 16));
            IntVector uc2 = ch2.mul(M1L).add(cl2.mul(M1L).lanewise(VectorOperators.LSHR, 16));
            IntVector ud2 = dh2.mul(M1L).add(dl2.mul(M1L).lanewise(VectorOperators.LSHR, 16));
            IntVector vc0 = cl0.mul(M0H).add(uc0.and(0xFFFF)), vd0 = dl0.mul(M0H).add(ud0.and(0xFFFF));
            IntVector vc2 = cl2.mul(M1H).add(uc2.and(0xFFFF)), vd2 = dl2.mul(M1H).add(ud2.and(0xFFFF));
            IntVector h0 = ch0.mul(M0H).add(uc0.lanewise(VectorOperators.LSHR, 16)).add(vc0.lanewise(VectorOperators.LSHR, 16));
            IntVector g0 = dh0.mul(M0H).add(ud0.lanewise(VectorOperators.LSHR, 16)).add(vd0.lanewise(VectorOperators.LSHR, 16));
            IntVector h1 = ch2.mul(M1H).add(uc2.lanewise(VectorOperators.LSHR, 16)).add(vc2.lanewise(VectorOperators.LSHR, 16));
            IntVector g1 = dh2.mul(M1H).add(ud2.lanewise(VectorOperators.LSHR, 16)).add(vd2.lanewise(VectorOperators.LSHR, 16));
            // the round of PhiloxRandom.block: (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
            IntVector nc1 = c2.mul(M1), nc3 = c0.mul(M0), nd1 = d2.mul(M1), nd3 = d0.mul(M0);
            c0 = h1.lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, k0);
            c2 = h0.lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, k1);
            d0 = g1.lanewise(VectorOperators.XOR, d1).lanewise(VectorOperators.XOR, k0);
            d2 = g0.lanewise(VectorOperators.XOR, d3).lanewise(VectorOperators.XOR, k1);
            c1 = nc1;
            c3 = nc3;
            d1 = nd1;
            d3 = nd3;
            k0 += W0;
            k1 += W1;
        }
        // casts written out, not through a helper: C2 stops inlining in this method (NodeCountInliningCutoff),
        // and a call there would box each vector
        ((IntVector) S.vectorType().cast(c0)).intoArray(a0, off);
        ((IntVector) S.vectorType().cast(c1)).intoArray(a1, off);
        ((IntVector) S.vectorType().cast(c2)).intoArray(a2, off);
        ((IntVector) S.vectorType().cast(c3)).intoArray(a3, off);
        ((IntVector) S.vectorType().cast(d0)).intoArray(a0, off2);
        ((IntVector) S.vectorType().cast(d1)).intoArray(a1, off2);
        ((IntVector) S.vectorType().cast(d2)).intoArray(a2, off2);
        ((IntVector) S.vectorType().cast(d3)).intoArray(a3, off2);
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
    public void maskRun(int k0, int k1, int[] c0, int[] c1, int[] c2, int[] c3, int n, int threshold, int scaleBits,
                        float[] x, float[] y, int at) {
        int whole = n - n % L;
        // three loops in three methods: in one, C2 reaches NodeCountInliningCutoff and boxes the vectors
        permuteGroups(c0, c1, c2, c3, whole);
        compute(k0, k1, c0, c1, c2, c3, n);
        writeGroups(c0, c1, c2, c3, whole, threshold, scaleBits, x, y, at);
        PhiloxBlocks.writeScalar(c0, c1, c2, c3, whole, n, threshold, scaleBits, x, y, at); // the last blocks, in their own lanes
    }

    /** Block p of each group of L into lane LANE_OF[p] (see {@link #TO_LANES}). */
    private static void permuteGroups(int[] c0, int[] c1, int[] c2, int[] c3, int whole) {
        for (int i = 0; i < whole; i += L) {
            IntVector.fromArray(S, c0, i).rearrange(TO_LANES).intoArray(c0, i);
            IntVector.fromArray(S, c1, i).rearrange(TO_LANES).intoArray(c1, i);
            IntVector.fromArray(S, c2, i).rearrange(TO_LANES).intoArray(c2, i);
            IntVector.fromArray(S, c3, i).rearrange(TO_LANES).intoArray(c3, i);
        }
    }

    /** The masks of blocks [0, whole) in element order, from words computed in {@link #TO_LANES} order. */
    private static void writeGroups(int[] c0, int[] c1, int[] c2, int[] c3, int whole, int threshold, int scaleBits,
                                    float[] x, float[] y, int at) {
        IntVector scale = IntVector.broadcast(S, scaleBits);
        for (int i = 0; i < whole; i += L) {
            LongVector a = maskLanes(IntVector.fromArray(S, c0, i), threshold, scale);
            LongVector b = maskLanes(IntVector.fromArray(S, c1, i), threshold, scale);
            LongVector c = maskLanes(IntVector.fromArray(S, c2, i), threshold, scale);
            LongVector d = maskLanes(IntVector.fromArray(S, c3, i), threshold, scale);
            // words of the even (odd) 32-bit lanes paired in each 64-bit lane: (a, b) and (c, d) of one block
            LongVector abEven = a.and(LOW).or(b.lanewise(VectorOperators.LSHL, 32));
            LongVector cdEven = c.and(LOW).or(d.lanewise(VectorOperators.LSHL, 32));
            LongVector abOdd = a.lanewise(VectorOperators.LSHR, 32).or(b.and(HIGH));
            LongVector cdOdd = c.lanewise(VectorOperators.LSHR, 32).or(d.and(HIGH));
            FloatVector m0 = abEven.blend(cdEven.rearrange(SWAP), ODD).reinterpretAsFloats();
            FloatVector m1 = abEven.rearrange(SWAP).blend(cdEven, ODD).reinterpretAsFloats();
            FloatVector m2 = abOdd.blend(cdOdd.rearrange(SWAP), ODD).reinterpretAsFloats();
            FloatVector m3 = abOdd.rearrange(SWAP).blend(cdOdd, ODD).reinterpretAsFloats();
            int o = at + 4 * i;
            if (x != null) {
                m0 = FloatVector.fromArray(F, x, o).mul(m0);
                m1 = FloatVector.fromArray(F, x, o + L).mul(m1);
                m2 = FloatVector.fromArray(F, x, o + 2 * L).mul(m2);
                m3 = FloatVector.fromArray(F, x, o + 3 * L).mul(m3);
            }
            m0.intoArray(y, o);
            m1.intoArray(y, o + L);
            m2.intoArray(y, o + 2 * L);
            m3.intoArray(y, o + 3 * L);
        }
    }

    /** scale's bits where the word's top 24 bits are below threshold, else 0 ({@link PhiloxBlocks#maskBit}), as 64-bit lanes. */
    private static LongVector maskLanes(IntVector words, int threshold, IntVector scale) {
        IntVector t = words.lanewise(VectorOperators.LSHR, 8).sub(threshold);
        return scale.and(t.lanewise(VectorOperators.LSHR, 31).neg()).reinterpretAsLongs();
    }

    /** Lane LANE_OF[p] takes block p: LANE_OF[p] = (0, 2, 1, 3)[p / (L/4)] + 4 (p % (L/4)), the order the transpose writes. */
    private static VectorShuffle<Integer> toLanes() {
        int[] source = new int[L];
        int[] base = {0, 2, 1, 3};
        for (int p = 0; p < L; p++) source[base[p / (L / 4)] + 4 * (p % (L / 4))] = p;
        return VectorShuffle.fromValues(S, source);
    }

    /** 64-bit lane j takes lane j ^ 1. */
    private static VectorShuffle<Long> swapPairs() {
        int[] idx = new int[LS.length()];
        for (int j = 0; j < idx.length; j++) idx[j] = j ^ 1;
        return VectorShuffle.fromValues(LS, idx);
    }

    private static VectorMask<Long> oddLanes() {
        boolean[] m = new boolean[LS.length()];
        for (int j = 0; j < m.length; j++) m[j] = (j & 1) != 0;
        return VectorMask.fromValues(LS, m);
    }
}
