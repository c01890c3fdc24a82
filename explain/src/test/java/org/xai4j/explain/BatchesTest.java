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
}
