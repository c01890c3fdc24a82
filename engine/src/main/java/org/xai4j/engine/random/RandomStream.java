package org.xai4j.engine.random;

/**
 * A sequential view of one Philox stream, for algorithms that draw numbers one after another
 * (SmoothGrad noise, Shapley value sampling permutations, KernelSHAP coalitions). Its whole state is
 * {@code (seed, stream, position)}: the n-th 32-bit word drawn is {@code PhiloxRandom.word(seed, stream, n)},
 * so a run can be reproduced or resumed from {@link #position()}. Not thread-safe: give each thread its
 * own stream number.
 */
public final class RandomStream {
    private final long seed;
    private final long stream;
    private long position;
    // The block holding the word at `position`, and which block it is (-1: none cached yet).
    private final int[] block = new int[4];
    private long cachedBlock = -1;

    /** A stream starting at element 0. */
    public RandomStream(long seed, long stream) {
        this(seed, stream, 0);
    }

    /** A stream starting at element {@code position} (to resume a run). */
    public RandomStream(long seed, long stream, long position) {
        if (position < 0) throw new IllegalArgumentException("position must be >= 0, got " + position);
        this.seed = seed;
        this.stream = stream;
        this.position = position;
    }

    public long seed() {
        return seed;
    }

    public long stream() {
        return stream;
    }

    /** Index of the next word to be drawn. */
    public long position() {
        return position;
    }

    /** The next raw 32-bit word: word(seed, stream, position++). */
    public int nextInt() {
        long blockIndex = position >>> 2;
        if (blockIndex != cachedBlock) {
            PhiloxRandom.blockAt(seed, stream, blockIndex, block);
            cachedBlock = blockIndex;
        }
        return block[(int) (position++ & 3)];
    }

    /** Uniform float in [0, 1) from one word's top 24 bits; consumes one word. */
    public float nextUniform() {
        return PhiloxRandom.toUniform(nextInt());
    }

    /** Uniform double in [0, 1) with 53 random bits, (hi26 * 2^27 + lo27) * 2^-53; consumes two words. */
    public double nextDouble() {
        long hi = (nextInt() >>> 6) & 0x3FFFFFFL;
        long lo = (nextInt() >>> 5) & 0x7FFFFFFL;
        return ((hi << 27) | lo) * 0x1.0p-53;
    }

    /**
     * Standard normal by Box–Muller, sqrt(-2 ln u1) cos(2 pi u2) with u1 = ((w1 >>> 8) + 0.5) 2^-24 in (0, 1)
     * and u2 = (w2 >>> 8) 2^-24; consumes two words (the sine twin is discarded so that position alone is
     * the state).
     */
    public float nextNormal() {
        double u1 = PhiloxRandom.toOpenUniform(nextInt());
        double u2 = (nextInt() >>> 8) * 0x1.0p-24;
        return (float) (StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2));
    }

    /**
     * Uniform integer in [0, bound) without modulo bias (Lemire, "Fast random integer generation in an
     * interval", ACM TOMACS 2019): the high half of word * bound, rejecting the few low halves that bias it.
     */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be > 0, got " + bound);
        long product = (nextInt() & 0xFFFFFFFFL) * bound;
        long low = product & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                product = (nextInt() & 0xFFFFFFFFL) * bound;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /** True with probability p: nextUniform() &lt; p; consumes one word. */
    public boolean nextBernoulli(float p) {
        return nextUniform() < p;
    }

    /**
     * Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P): for i from n-1 down to 1, swap a[i] with
     * a[nextInt(i + 1)].
     *
     * @param a Modified: permuted in place.
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A uniformly random permutation of 0..n-1: shuffle of the identity. */
    public int[] permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("permutation size must be >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }

    /**
     * Fills with uniforms in [0, 1), one word each, continuing this stream; the same values as
     * {@code PhiloxRandom.fillUniform(seed, stream, position, ...)}.
     *
     * @param out Modified: entries [off, off + len) are overwritten.
     */
    public void fillUniform(float[] out, int off, int len) {
        PhiloxRandom.fillUniform(seed, stream, position, out, off, len);
        position += len;
    }

    /**
     * Fills with standard normals continuing this stream; the same values as
     * {@code PhiloxRandom.fillNormal(seed, stream, position, ...)} (one word per output, words paired
     * within a block as documented there).
     *
     * @param out Modified: entries [off, off + len) are overwritten.
     */
    public void fillNormal(float[] out, int off, int len) {
        PhiloxRandom.fillNormal(seed, stream, position, out, off, len);
        position += len;
    }
}
