package org.xai4j.engine.random;

import org.xai4j.engine.backend.cpu.CpuFeatures;

/**
 * Many Philox4x32-10 blocks at once, in place: lane i of the counter arrays holds block i's counter
 * {@code (c0[i], c1[i], c2[i], c3[i])} and receives its four output words. The Vector API version runs
 * 8 or 16 blocks per instruction (with 32-bit lanes: the 32 x 32 -&gt; 64-bit products of a round are
 * rebuilt from 16-bit halves, as AVX2 has no 64-bit lane multiply JDK 17 compiles well); the scalar one is
 * {@link PhiloxRandom#block} in a loop. Both give the same words (PhiloxBlocksTest).
 */
interface PhiloxBlocks {
    /** The blocks this implementation computes per step; arrays passed in are at least this long. */
    int lanes();

    /**
     * Blocks [0, n) under key (k0, k1). n may be anything up to the arrays' length; lanes at and past n
     * may be overwritten.
     *
     * @param c0 Modified: counter word 0 in, output word 0 out (likewise c1, c2, c3)
     */
    void compute(int k0, int k1, int[] c0, int[] c1, int[] c2, int[] c3, int n);

    /**
     * Replaces words [0, n) of {@code words} by the float bits of a dropout mask value: those of
     * {@code scale} where the word's top 24 bits are below {@code threshold} (uniform &lt; keep
     * probability), else 0. Branch-free: the sign of (top 24 bits - threshold) selects all or none of
     * scale's bits (a branch mispredicts half the time at keep probability 0.5, 2x slower).
     *
     * @param words Modified
     */
    default void maskBits(int[] words, int n, int threshold, int scaleBits) {
        for (int i = 0; i < n; i++) words[i] = maskBit(words[i], threshold, scaleBits);
    }

    /**
     * The masks of n whole blocks whose outputs are consecutive, computed and written in one call: for
     * block i (counter (c0[i], c1[i], c2[i], c3[i]), key (k0, k1)) and word w, y[at + 4i + w] = m, or
     * x[at + 4i + w] * m with x, where m is the mask value of that word ({@link #maskBits}).
     *
     * @param c0 Modified: the counters in, scratch out (likewise c1, c2, c3)
     * @param x not modified; may be null (the masks themselves are written)
     * @param y Modified: entries [at, at + 4n)
     */
    default void maskRun(int k0, int k1, int[] c0, int[] c1, int[] c2, int[] c3, int n, int threshold, int scaleBits,
                         float[] x, float[] y, int at) {
        compute(k0, k1, c0, c1, c2, c3, n);
        writeScalar(c0, c1, c2, c3, 0, n, threshold, scaleBits, x, y, at);
    }

    /** The writing half of {@link #maskRun} for computed blocks [from, to), one word at a time. */
    static void writeScalar(int[] c0, int[] c1, int[] c2, int[] c3, int from, int to, int threshold, int scaleBits,
                            float[] x, float[] y, int at) {
        int[][] words = {c0, c1, c2, c3};
        for (int i = from; i < to; i++) {
            for (int w = 0; w < 4; w++) {
                int d = at + 4 * i + w;
                float m = Float.intBitsToFloat(maskBit(words[w][i], threshold, scaleBits));
                y[d] = x == null ? m : x[d] * m;
            }
        }
    }

    /** One word of {@link #maskBits}. */
    static int maskBit(int word, int threshold, int scaleBits) {
        int kept = ((word >>> 8) - threshold) >>> 31; // 1 when kept
        return scaleBits & -kept;
    }

    /** The Vector API blocks when the engine's kernels are vectorized (see {@link CpuFeatures#lanes()}), else the scalar loop. */
    static PhiloxBlocks best() {
        return Holder.BEST;
    }

    /** The scalar loop. */
    PhiloxBlocks SCALAR = new PhiloxBlocks() {
        @Override
        public int lanes() {
            return 1;
        }

        @Override
        public void compute(int k0, int k1, int[] c0, int[] c1, int[] c2, int[] c3, int n) {
            computeScalar(k0, k1, c0, c1, c2, c3, 0, n);
        }
    };

    /** Blocks [from, to) one at a time with {@link PhiloxRandom#block} (the scalar loop, and the vector one's last blocks). */
    static void computeScalar(int k0, int k1, int[] c0, int[] c1, int[] c2, int[] c3, int from, int to) {
        int[] w = new int[4];
        for (int i = from; i < to; i++) {
            PhiloxRandom.block(c0[i], c1[i], c2[i], c3[i], k0, k1, w);
            c0[i] = w[0];
            c1[i] = w[1];
            c2[i] = w[2];
            c3[i] = w[3];
        }
    }

    /** Chosen once: loading VectorPhiloxBlocks by name keeps a JVM without the module on the scalar loop. */
    final class Holder {
        static final PhiloxBlocks BEST = load();

        private Holder() {}

        private static PhiloxBlocks load() {
            if (CpuFeatures.lanes() < 4) return SCALAR;
            try {
                return (PhiloxBlocks) Class.forName("org.xai4j.engine.random.VectorPhiloxBlocks")
                        .getDeclaredField("INSTANCE").get(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
    }
}
