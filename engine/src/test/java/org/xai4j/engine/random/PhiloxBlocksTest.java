package org.xai4j.engine.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.cpu.CpuFeatures;

/** The batched Philox blocks (vector or scalar) against {@link PhiloxRandom#block}, and the masks built from them. */
class PhiloxBlocksTest {
    @Test
    void theEnginesBlocksAreTheScalarBlocksForAnyCounterAndKey() {
        PhiloxBlocks best = PhiloxBlocks.best();
        // the vector lanes are taken wherever the engine's kernels are vectorized, at their width
        if (CpuFeatures.lanes() >= 4) {
            assertEquals("VectorPhiloxBlocks", best.getClass().getSimpleName());
            assertEquals(CpuFeatures.lanes(), best.lanes(), "one 32-bit lane per float lane");
        } else {
            assertEquals(PhiloxBlocks.SCALAR, best);
        }
        Random rnd = new Random(11);
        for (int n : new int[] {0, 1, 7, 8, 15, 16, 17, 33, 256}) {
            int[][] c = new int[4][Math.max(n, 1)];
            for (int[] w : c) for (int i = 0; i < n; i++) w[i] = rnd.nextInt(); // every bit of every word, signs too
            int k0 = rnd.nextInt(), k1 = rnd.nextInt();
            int[][] expected = new int[4][c[0].length];
            int[] out = new int[4];
            for (int i = 0; i < n; i++) {
                PhiloxRandom.block(c[0][i], c[1][i], c[2][i], c[3][i], k0, k1, out);
                for (int w = 0; w < 4; w++) expected[w][i] = out[w];
            }
            best.compute(k0, k1, c[0], c[1], c[2], c[3], n);
            for (int w = 0; w < 4; w++) {
                assertArrayEquals(java.util.Arrays.copyOf(expected[w], n), java.util.Arrays.copyOf(c[w], n), "word " + w + ", " + n + " blocks");
            }
        }
    }

    @Test
    void knownAnswerVectorsInEveryLane() {
        // Random123's kat_vectors for philox4x32_10 (closed-form.md), each in every lane of two full steps
        int[][] kat = {
            {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
            {-1, -1, -1, -1, -1, -1, 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
            {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
                0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}};
        PhiloxBlocks blocks = PhiloxBlocks.best();
        int n = 2 * blocks.lanes() + 1;
        for (int[] v : kat) {
            int[][] c = new int[4][n];
            for (int w = 0; w < 4; w++) java.util.Arrays.fill(c[w], v[w]);
            blocks.compute(v[4], v[5], c[0], c[1], c[2], c[3], n);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(v, 6, 10), new int[] {c[0][i], c[1][i], c[2][i], c[3][i]}, "lane " + i);
            }
        }
    }

    @Test
    void maskRunsAreTheScalarOnesInElementOrder() {
        // the vector path permutes each group's counters and transposes the word vectors back into element order
        PhiloxBlocks best = PhiloxBlocks.best();
        Random rnd = new Random(21);
        int threshold = (int) Math.ceil(0.7f * 0x1.0p24), scaleBits = Float.floatToRawIntBits(1f / 0.7f);
        for (int n = 0; n <= 3 * best.lanes() + 3; n++) {
            int[][] c = new int[4][n];
            for (int[] w : c) for (int i = 0; i < n; i++) w[i] = rnd.nextInt();
            int k0 = rnd.nextInt(), k1 = rnd.nextInt();
            float[] x = new float[4 * n + 5];
            for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
            for (boolean times : new boolean[] {false, true}) {
                float[] want = new float[x.length], got = new float[x.length];
                int[][] scalar = copy(c), vector = copy(c);
                PhiloxBlocks.SCALAR.maskRun(k0, k1, scalar[0], scalar[1], scalar[2], scalar[3], n, threshold, scaleBits,
                        times ? x : null, want, 3);
                best.maskRun(k0, k1, vector[0], vector[1], vector[2], vector[3], n, threshold, scaleBits,
                        times ? x : null, got, 3);
                assertArrayEquals(want, got, n + " blocks, " + (times ? "x times masks" : "masks"));
                int[] words = new int[4];
                for (int i = 0; i < n; i++) {
                    PhiloxRandom.block(c[0][i], c[1][i], c[2][i], c[3][i], k0, k1, words);
                    for (int w = 0; w < 4; w++) {
                        float m = PhiloxBlocks.maskBit(words[w], threshold, scaleBits) == 0 ? 0f : 1f / 0.7f;
                        assertEquals(times ? x[3 + 4 * i + w] * m : m, want[3 + 4 * i + w], "block " + i + " word " + w);
                    }
                }
                assertEquals(0f, want[0]);
                assertEquals(0f, got[4 * n + 3 + (x.length > 4 * n + 4 ? 1 : 0)], "nothing written past the run");
            }
        }
    }

    private static int[][] copy(int[][] c) {
        int[][] out = new int[c.length][];
        for (int i = 0; i < c.length; i++) out[i] = c[i].clone();
        return out;
    }

    @Test
    void rowMasksAreEachRowAloneForAnyRowLengthAndThreads() {
        int previous = Parallel.threads();
        try {
            for (int rowLength : new int[] {1, 3, 4, 10, 32, 33, 1000}) {
                long[] streams = new long[257];
                for (int r = 0; r < streams.length; r++) streams[r] = (((long) r) << 20) * 3 + (1L << 40) + 5;
                float[] expected = new float[streams.length * rowLength];
                for (int r = 0; r < streams.length; r++) {
                    // one element at a time from the definition: uniform(seed, stream, i) < keep ? scale : 0
                    for (int i = 0; i < rowLength; i++) {
                        expected[r * rowLength + i] = PhiloxRandom.uniform(99L, streams[r], i) < 0.8f ? 1.25f : 0f;
                    }
                }
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    float[] mask = new float[expected.length];
                    PhiloxRandom.bernoulliMaskRows(99L, streams, 0.8f, 1.25f, mask, rowLength);
                    assertArrayEquals(expected, mask, "rows of " + rowLength + ", " + threads + " threads");
                }
            }
        } finally {
            Parallel.setThreads(previous);
        }
    }

    @Test
    void spansStartingInsideABlockMatchTheDefinition() {
        float[] mask = new float[50];
        // the last two: runs of blocks whose low counter word wraps to the high one
        for (long start : new long[] {0, 1, 2, 3, 5, (1L << 34) + 3, ((1L << 32) - 3) * 4, ((1L << 32) - 2) * 4 + 1}) {
            for (int len : new int[] {0, 1, 2, 5, 37}) {
                java.util.Arrays.fill(mask, -7f);
                PhiloxRandom.bernoulliMask(3L, 1234567L, start, 0.5f, 2f, mask, 4, len);
                for (int j = 0; j < mask.length; j++) {
                    float want = j < 4 || j >= 4 + len ? -7f : PhiloxRandom.uniform(3L, 1234567L, start + j - 4) < 0.5f ? 2f : 0f;
                    assertEquals(want, mask[j], "start " + start + " len " + len + " at " + j);
                }
            }
        }
    }
}
