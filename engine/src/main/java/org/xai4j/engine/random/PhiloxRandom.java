package org.xai4j.engine.random;

import org.xai4j.engine.backend.Parallel;

/**
 * Philox4x32-10, a counter-based random number generator (Salmon, Moraes, Dror, Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3", SC'11). Every random number is a pure function of
 * {@code (seed, stream, elementIndex)}, so results do not depend on thread count, chunking or backend:
 * a CUDA kernel computing element {@code i} gets the same 32-bit word as this class.
 *
 * <p>Addressing (the same in every method here): element {@code i} of stream {@code s} under seed
 * {@code k} is word {@code i % 4} of the block with counter
 * {@code (lo32(i / 4), hi32(i / 4), lo32(s), hi32(s))} and key {@code (lo32(k), hi32(k))}.
 * Streams separate independent uses of one seed (dropout layer 3, SmoothGrad noise, ...).
 */
public final class PhiloxRandom {
    // Round multipliers and Weyl key increments of Philox4x32 (Salmon et al. 2011, Table 2; Random123 philox.h).
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9; // golden ratio
    private static final int W1 = 0xBB67AE85; // sqrt(3) - 1
    private static final int ROUNDS = 10;

    /** 2^-24: a 24-bit integer times this is an exactly representable float in [0, 1). */
    static final float TWO_POW_MINUS_24 = 0x1.0p-24f;
    private static final double TWO_PI = 2.0 * Math.PI;

    private PhiloxRandom() {}

    /**
     * One Philox4x32-10 block: out = philox(counter = (c0, c1, c2, c3), key = (k0, k1)).
     *
     * @param out4 Modified: its first four entries receive the four output words.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out4) {
        for (int r = 0; r < ROUNDS; r++) {
            // One round: (hi, lo) = M * c as a 64-bit product, then mix with the other half and the key.
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
            k0 += W0;
            k1 += W1;
        }
        out4[0] = c0;
        out4[1] = c1;
        out4[2] = c2;
        out4[3] = c3;
    }

    /** The block holding element {@code 4 * blockIndex} of {@code stream}: {@code block((lo, hi)(blockIndex), (lo, hi)(stream), seed)}. */
    static void blockAt(long seed, long stream, long blockIndex, int[] out4) {
        block((int) blockIndex, (int) (blockIndex >>> 32), (int) stream, (int) (stream >>> 32),
                (int) seed, (int) (seed >>> 32), out4);
    }

    /** The raw 32-bit word of element {@code index}: word {@code index % 4} of block {@code index / 4}. */
    public static int word(long seed, long stream, long index) {
        checkIndex(index);
        int[] w = new int[4];
        blockAt(seed, stream, index >>> 2, w);
        return w[(int) (index & 3)];
    }

    /** Uniform in [0, 1): {@code (word >>> 8) * 2^-24}, the top 24 bits, exact in float. */
    public static float uniform(long seed, long stream, long index) {
        return toUniform(word(seed, stream, index));
    }

    /** A word's top 24 bits scaled into [0, 1). */
    static float toUniform(int word) {
        return (word >>> 8) * TWO_POW_MINUS_24;
    }

    /** A word's top 24 bits scaled into the open interval (0, 1): {@code ((word >>> 8) + 0.5) * 2^-24}, never 0. */
    static double toOpenUniform(int word) {
        return ((word >>> 8) + 0.5) * 0x1.0p-24;
    }

    /**
     * out[off + j] = uniform(seed, stream, startIndex + j) for j in [0, len); one block per four outputs.
     *
     * @param out Modified: entries [off, off + len) are overwritten.
     */
    public static void fillUniform(long seed, long stream, long startIndex, float[] out, int off, int len) {
        checkRange(startIndex, out.length, off, len);
        int[] w = new int[4];
        long index = startIndex;
        int j = off, end = off + len;
        while (j < end) {
            blockAt(seed, stream, index >>> 2, w);
            // Start at the word the current index addresses, so a start that is not a multiple of 4 still
            // yields exactly the per-index values.
            for (int k = (int) (index & 3); k < 4 && j < end; k++, j++, index++) out[j] = toUniform(w[k]);
        }
    }

    /**
     * out[off + j] = normal(seed, stream, startIndex + j), standard normals, for j in [0, len).
     *
     * @param out Modified: entries [off, off + len) are overwritten.
     */
    public static void fillNormal(long seed, long stream, long startIndex, float[] out, int off, int len) {
        checkRange(startIndex, out.length, off, len);
        int[] w = new int[4];
        long index = startIndex;
        int j = off, end = off + len;
        while (j < end) {
            blockAt(seed, stream, index >>> 2, w);
            int k = (int) (index & 3);
            // Each pair of words (0,1) and (2,3) gives two normals; compute a pair once when both are wanted.
            while (k < 4 && j < end) {
                int pair = k & ~1;
                double radius = radius(w[pair]);
                double angle = angle(w[pair + 1]);
                if ((k & 1) == 0) {
                    out[j++] = (float) (radius * StrictMath.cos(angle));
                    k++;
                    index++;
                    if (j == end) break;
                }
                out[j++] = (float) (radius * StrictMath.sin(angle));
                k++;
                index++;
            }
        }
    }

    /**
     * A standard normal by Box–Muller (Box and Muller 1958) on the word pair of element {@code index}.
     * Elements 4b+0 and 4b+1 share words (w0, w1) of block b, elements 4b+2 and 4b+3 share (w2, w3):
     * with u1 = ((w_even >>> 8) + 0.5) * 2^-24 in (0, 1) (so log never sees 0) and u2 = (w_odd >>> 8) * 2^-24,
     * the even element is sqrt(-2 ln u1) cos(2 pi u2) and the odd one sqrt(-2 ln u1) sin(2 pi u2).
     */
    public static float normal(long seed, long stream, long index) {
        checkIndex(index);
        int[] w = new int[4];
        blockAt(seed, stream, index >>> 2, w);
        int k = (int) (index & 3);
        int pair = k & ~1;
        double radius = radius(w[pair]);
        double angle = angle(w[pair + 1]);
        return (float) (radius * ((k & 1) == 0 ? StrictMath.cos(angle) : StrictMath.sin(angle)));
    }

    // StrictMath (fdlibm) rather than Math: the same bits on every JVM and CPU, so a saved explanation
    // reproduces elsewhere. It costs about 31 ns per normal against about 20 ns with Math (JDK 17, Zen4,
    // 2025-11); uniforms cost about 5 ns.
    private static double radius(int evenWord) {
        return StrictMath.sqrt(-2.0 * StrictMath.log(toOpenUniform(evenWord)));
    }

    private static double angle(int oddWord) {
        return TWO_PI * ((oddWord >>> 8) * 0x1.0p-24);
    }

    /**
     * Dropout mask over elements [0, mask.length) of {@code stream}: mask[i] = scale if uniform(seed, stream, i)
     * &lt; keepProb else 0. Runs in parallel over chunks of whole blocks; the result does not depend on threads.
     *
     * @param mask Modified: every entry is overwritten.
     */
    public static void bernoulliMask(long seed, long stream, float keepProb, float[] mask, float scale) {
        checkProbability(keepProb);
        int n = mask.length;
        // Grain rounded to a multiple of 4 so each chunk starts on a block boundary (no block computed twice).
        int grain = (Parallel.grainFor(n, 4096) + 3) & ~3;
        Parallel.forRange(n, grain, (start, end) ->
                bernoulliMask(seed, stream, start, keepProb, scale, mask, start, end - start));
    }

    /**
     * mask[off + j] = scale if uniform(seed, stream, startIndex + j) &lt; keepProb else 0, for j in [0, len).
     *
     * @param mask Modified: entries [off, off + len) are overwritten.
     */
    public static void bernoulliMask(long seed, long stream, long startIndex, float keepProb, float scale,
                                     float[] mask, int off, int len) {
        checkProbability(keepProb);
        checkRange(startIndex, mask.length, off, len);
        MaskBatch batch = new MaskBatch(seed, keepProb, scale, null, mask);
        batch.addSpan(stream, startIndex, off, len);
        batch.flush();
    }

    /**
     * Dropout masks of a stack of independent samples: row r, elements [r * rowLength, (r + 1) * rowLength)
     * of {@code mask}, is {@code bernoulliMask(seed, streams[r], 0, keepProb, scale, ...)} of that row alone
     * (MC dropout passes batched into one forward pass). Runs in parallel over rows; the result does not
     * depend on the thread count.
     *
     * @param mask Modified: its first streams.length * rowLength entries are overwritten.
     */
    public static void bernoulliMaskRows(long seed, long[] streams, float keepProb, float scale, float[] mask, int rowLength) {
        maskRows(seed, streams, keepProb, scale, null, mask, rowLength);
    }

    /**
     * y[i] = x[i] * mask[i] with the masks of {@link #bernoulliMaskRows}, without storing the mask: inverted
     * dropout on a stack of samples in one pass (the same products as multiplying by the mask tensor).
     *
     * @param x not modified
     * @param y Modified: its first streams.length * rowLength entries; may be x itself
     */
    public static void dropoutRows(long seed, long[] streams, float keepProb, float scale, float[] x, float[] y, int rowLength) {
        if (x.length < y.length) throw new IndexOutOfBoundsException("x has " + x.length + " entries, y " + y.length);
        maskRows(seed, streams, keepProb, scale, x, y, rowLength);
    }

    private static void maskRows(long seed, long[] streams, float keepProb, float scale, float[] in, float[] out, int rowLength) {
        checkProbability(keepProb);
        if (rowLength < 0 || (long) streams.length * rowLength > out.length) {
            throw new IndexOutOfBoundsException(streams.length + " rows of " + rowLength + " do not fit an array of length " + out.length);
        }
        int grain = Parallel.grainFor(streams.length, Math.max(1, 4096 / Math.max(1, rowLength)));
        Parallel.forRange(streams.length, grain, (r0, r1) -> {
            MaskBatch batch = new MaskBatch(seed, keepProb, scale, in, out);
            for (int r = r0; r < r1; r++) batch.addSpan(streams[r], 0L, r * rowLength, rowLength);
            batch.flush();
        });
    }

    /**
     * Queues the blocks of mask spans and computes them {@link PhiloxBlocks#best() many at a time}, so that
     * short rows (a 32-unit layer is 8 blocks) still fill the vector lanes.
     */
    private static final class MaskBatch {
        private static final int CAPACITY = 256;
        private final PhiloxBlocks blocks = PhiloxBlocks.best();
        private final int k0, k1, threshold, scaleBits;
        /** Where the masks go; with {@code in}, in[i] * mask[i] goes there instead (dropout applied). */
        private final float[] out, in;
        private final int[] c0 = new int[CAPACITY], c1 = new int[CAPACITY], c2 = new int[CAPACITY], c3 = new int[CAPACITY];
        /**
         * Where block i's four words go, or, for a block of which only some words are wanted (at the ends
         * of a span), -1 - p: its words first[p] .. last[p] - 1 go to partDest[p].
         */
        private final int[] dest = new int[CAPACITY];
        private final int[] partDest = new int[CAPACITY];
        private final byte[] first = new byte[CAPACITY], last = new byte[CAPACITY];
        private int n, parts;
        /** Whether blocks 0 .. n-1 are whole and their outputs follow each other (then written as one run). */
        private boolean run = true;

        MaskBatch(long seed, float keepProb, float scale, float[] in, float[] out) {
            k0 = (int) seed;
            k1 = (int) (seed >>> 32);
            // t * 2^-24 < keepProb  <=>  t < ceil(keepProb * 2^24) for the integer t = top 24 bits of a word
            threshold = (int) Math.ceil(keepProb * 0x1.0p24);
            scaleBits = Float.floatToRawIntBits(scale);
            this.in = in;
            this.out = out;
        }

        /** Elements [startIndex, startIndex + len) of the stream into out[off ..]. */
        void addSpan(long stream, long startIndex, int off, int len) {
            long index = startIndex;
            int j = off, end = off + len;
            if ((index & 3) != 0 && j < end) {
                int w = (int) (index & 3), count = Math.min(4 - w, end - j);
                addBlock(stream, index >>> 2, j, w, w + count);
                j += count;
                index += count;
            }
            // whole blocks, as plain fills C2 vectorizes: a 32-unit row is 8 of them
            int lo = (int) stream, hi = (int) (stream >>> 32);
            while (end - j >= 4) {
                if (n == CAPACITY) flush();
                int count = Math.min(CAPACITY - n, (end - j) >>> 2);
                long block = index >>> 2;
                if ((block & 0xFFFFFFFFL) + count <= 1L << 32) { // the low counter word does not wrap
                    int b0 = (int) block, b1 = (int) (block >>> 32);
                    if (n > 0 && dest[n - 1] != j - 4) run = false;
                    for (int i = 0; i < count; i++) {
                        c0[n + i] = b0 + i;
                        c1[n + i] = b1;
                        c2[n + i] = lo;
                        c3[n + i] = hi;
                        dest[n + i] = j + 4 * i;
                    }
                    n += count;
                } else {
                    for (int i = 0; i < count; i++) addBlock(stream, block + i, j + 4 * i, 0, 4);
                }
                j += 4 * count;
                index += 4L * count;
            }
            if (j < end) addBlock(stream, index >>> 2, j, 0, end - j);
        }

        /** Words [w0, w1) of one block into out[at ..]. */
        private void addBlock(long stream, long block, int at, int w0, int w1) {
            if (n == CAPACITY) flush();
            c0[n] = (int) block;
            c1[n] = (int) (block >>> 32);
            c2[n] = (int) stream;
            c3[n] = (int) (stream >>> 32);
            if (w0 == 0 && w1 == 4) {
                if (n > 0 && dest[n - 1] != at - 4) run = false;
                dest[n] = at;
            } else {
                run = false;
                dest[n] = -1 - parts;
                partDest[parts] = at;
                first[parts] = (byte) w0;
                last[parts] = (byte) w1;
                parts++;
            }
            n++;
        }

        void flush() {
            if (run && n > 0) {
                blocks.maskRun(k0, k1, c0, c1, c2, c3, n, threshold, scaleBits, in, out, dest[0]);
                n = 0;
                return;
            }
            blocks.compute(k0, k1, c0, c1, c2, c3, n);
            blocks.maskBits(c0, n, threshold, scaleBits);
            blocks.maskBits(c1, n, threshold, scaleBits);
            blocks.maskBits(c2, n, threshold, scaleBits);
            blocks.maskBits(c3, n, threshold, scaleBits);
            float[] x = in, y = out;
            for (int i = 0; i < n; i++) {
                int d = dest[i];
                if (d < 0) {
                    int p = -1 - d;
                    for (int w = first[p]; w < last[p]; w++) {
                        int bits = w == 0 ? c0[i] : w == 1 ? c1[i] : w == 2 ? c2[i] : c3[i];
                        int at = partDest[p] + w - first[p];
                        y[at] = value(at, bits);
                    }
                } else if (x == null) {
                    y[d] = Float.intBitsToFloat(c0[i]);
                    y[d + 1] = Float.intBitsToFloat(c1[i]);
                    y[d + 2] = Float.intBitsToFloat(c2[i]);
                    y[d + 3] = Float.intBitsToFloat(c3[i]);
                } else {
                    y[d] = x[d] * Float.intBitsToFloat(c0[i]);
                    y[d + 1] = x[d + 1] * Float.intBitsToFloat(c1[i]);
                    y[d + 2] = x[d + 2] * Float.intBitsToFloat(c2[i]);
                    y[d + 3] = x[d + 3] * Float.intBitsToFloat(c3[i]);
                }
            }
            n = 0;
            parts = 0;
            run = true;
        }

        /** The mask value, or the input times it (the same product as multiplying by the mask tensor). */
        private float value(int at, int maskBits) {
            float m = Float.intBitsToFloat(maskBits);
            return in == null ? m : in[at] * m;
        }
    }

    private static void checkProbability(float keepProb) {
        if (!(keepProb >= 0f && keepProb <= 1f)) {
            throw new IllegalArgumentException("keepProb must be in [0, 1], got " + keepProb);
        }
    }

    private static void checkIndex(long index) {
        if (index < 0) throw new IllegalArgumentException("element index must be >= 0, got " + index);
    }

    private static void checkRange(long startIndex, int arrayLength, int off, int len) {
        checkIndex(startIndex);
        if (off < 0 || len < 0 || off > arrayLength - len) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + "+" + len
                    + ") does not fit an array of length " + arrayLength);
        }
        if (startIndex > Long.MAX_VALUE - len) {
            throw new IllegalArgumentException("element indices " + startIndex + " + " + len + " overflow a long");
        }
    }
}
