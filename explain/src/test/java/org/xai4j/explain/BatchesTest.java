package org.xai4j.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.PassHook;
import org.xai4j.explain.testing.FunctionModel;

/** The (row, sample) chunking every batching method goes through. */
class BatchesTest {
    @Test
    void pairsComeRowMajorInChunksOfAtMostTheBatchSize() {
        // 3 rows x 4 samples in chunks of 5: q = 0..11 as (0,0) (0,1) .. (2,3), chunks 5, 5, 2
        List<int[]> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Batches.forEach(3, 4, 5, c -> {
            sizes.add(c.size());
            for (int i = 0; i < c.size(); i++) seen.add(new int[] {(int) c.pair(i), c.row(i), c.sample(i)});
        });
        assertEquals(List.of(5, 5, 2), sizes);
        assertEquals(12, seen.size());
        for (int q = 0; q < 12; q++) assertArrayEquals(new int[] {q, q / 4, q % 4}, seen.get(q), "pair " + q);
    }

    @Test
    void aChunkKnowsItsRowsTargetsAndShape() {
        int[] targets = {7, 8, 9};
        List<int[]> perPair = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Batches.forEach(3, 2, 4, c -> {
            perPair.add(c.perPair(targets));
            spans.add(new int[] {c.firstRow(), c.endRow()});
            assertArrayEquals(new int[] {c.size(), 2, 5}, c.shape(new int[] {3, 2, 5}));
        });
        assertArrayEquals(new int[] {7, 7, 8, 8}, perPair.get(0));
        assertArrayEquals(new int[] {9, 9}, perPair.get(1));
        assertArrayEquals(new int[] {0, 2}, spans.get(0));
        assertArrayEquals(new int[] {2, 3}, spans.get(1));
    }

    @Test
    void oneSamplePerRowIsAPassOverTheRows() {
        List<int[]> spans = new ArrayList<>();
        Batches.forEach(7, 1, 3, c -> spans.add(new int[] {c.firstRow(), c.endRow(), c.size()}));
        assertEquals(3, spans.size());
        assertArrayEquals(new int[] {0, 3, 3}, spans.get(0));
        assertArrayEquals(new int[] {3, 6, 3}, spans.get(1));
        assertArrayEquals(new int[] {6, 7, 1}, spans.get(2));
    }

    @Test
    void theBufferIsRecycledUntilTheSizeChanges() {
        List<float[]> buffers = new ArrayList<>();
        Batches.forEach(10, 1, 4, c -> buffers.add(c.buffer(3)));
        assertEquals(3, buffers.size());
        assertSame(buffers.get(0), buffers.get(1));
        assertEquals(12, buffers.get(1).length);
        assertNotSame(buffers.get(1), buffers.get(2));
        assertEquals(6, buffers.get(2).length, "the last chunk of 2 rows");
    }

    @Test
    void nothingToDoRunsNothingAndBadSizesAreRefused() {
        int[] calls = {0};
        Batches.forEach(0, 5, 4, c -> calls[0]++);
        Batches.forEach(5, 0, 4, c -> calls[0]++);
        assertEquals(0, calls[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Batches.forEach(3, 1, 0, c -> { }));
        assertTrue(e.getMessage().contains("batch size must be >= 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Batches.forEach(-1, 1, 4, c -> { }));
    }

    @Test
    void sideBySideChunksRunOnTheWorkersAndFinishInPairOrder() {
        int previous = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (boolean concurrent : new boolean[] {false, true}) {
                    Thread caller = Thread.currentThread();
                    List<Long> prepared = new ArrayList<>(), finished = new ArrayList<>();
                    List<Integer> sizes = new ArrayList<>();
                    java.util.Set<String> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
                    int[] passesSeen = {0};
                    // 5 rows x 9 samples, rows of 100 values: at most 327 rows fit a side-by-side chunk, so the
                    // batch size (7) bounds the chunks
                    try (PassHook hook = PassHook.install(rows -> passesSeen[0]++)) {
                        Batches.forEach(stub(concurrent), 5, 9, 7, 100, c -> {
                            assertSame(caller, Thread.currentThread(), "prepare on the calling thread");
                            float[] b = c.buffer(100);
                            for (int i = 0; i < c.size(); i++) b[i * 100] = c.pair(i);
                            prepared.add(c.first());
                        }, c -> {
                            workers.add(Thread.currentThread().getName());
                            PassHook.beforePass(c.size()); // as a model pass does
                            float[] b = c.buffer(100), out = new float[c.size()];
                            for (int i = 0; i < c.size(); i++) out[i] = b[i * 100] * 2;
                            return out;
                        }, (c, out) -> {
                            assertSame(caller, Thread.currentThread(), "finish on the calling thread");
                            sizes.add(c.size());
                            for (int i = 0; i < c.size(); i++) {
                                assertEquals(2f * c.pair(i), out[i], "the result of the chunk's own pairs");
                                finished.add(c.pair(i));
                            }
                        });
                    }
                    String at = threads + " threads, concurrent passes " + concurrent;
                    List<Long> all = new ArrayList<>();
                    for (long q = 0; q < 45; q++) all.add(q);
                    assertEquals(all, finished, at);
                    assertEquals(sizes.size(), passesSeen[0], "the caller's hook saw every pass, " + at);
                    assertTrue(sizes.stream().allMatch(n -> n <= 7), "no chunk over the batch size: " + sizes + ", " + at);
                    if (threads == 1 || !concurrent) {
                        assertEquals(List.of(7, 7, 7, 7, 7, 7, 3), sizes, at);
                        assertEquals(java.util.Set.of(caller.getName()), workers, at);
                    } else {
                        // a wave of one chunk per thread at a time, the chunks as even as the batch size allows
                        assertEquals(0, sizes.size() % threads, sizes + ", " + at);
                        assertTrue(java.util.Collections.max(sizes) - java.util.Collections.min(sizes) <= 1, sizes + ", " + at);
                    }
                }
            }
        } finally {
            Parallel.setThreads(previous);
        }
    }

    @Test
    void largeRowsOrAnOverrideInForceKeepTheBatchSizeChunks() {
        int previous = Parallel.threads();
        Parallel.setThreads(2);
        try {
            List<Integer> sizes = new ArrayList<>();
            // rows of 8,192 values: fewer than 8 fit a side-by-side chunk
            Batches.forEach(stub(true), 3, 5, 4, 8192, c -> { }, c -> c.size(), (c, n) -> sizes.add(n));
            assertEquals(List.of(4, 4, 4, 3), sizes);
            sizes.clear();
            try (ActivationOverride o = ActivationOverride.replace("h", t -> t)) {
                Batches.forEach(stub(true), 3, 5, 4, 10, c -> { }, c -> c.size(), (c, n) -> sizes.add(n));
            }
            assertEquals(List.of(4, 4, 4, 3), sizes, "a thread-local override stays on its thread");
        } finally {
            Parallel.setThreads(previous);
        }
    }

    /** A model that only says whether it takes concurrent passes (the batching never runs it). */
    private static Model stub(boolean concurrent) {
        FunctionModel m = new FunctionModel(x -> x);
        return concurrent ? m.allowingConcurrentPasses() : m;
    }
}
