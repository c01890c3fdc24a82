package org.xai4j.explain.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.FunctionModel;

class BatchedForwardTest {
    // f(x) = [sum(x), 2 * sum(x)] for rows of 3 values
    private static FunctionModel twoColumns(boolean[] sawGrad) {
        return new FunctionModel(x -> {
            if (GradMode.isEnabled()) sawGrad[0] = true;
            Tensor s = Ops.sum(x, true, 1);
            return Ops.concat(1, s, Ops.scale(s, 2f));
        });
    }

    @Test
    void blocksOfBatchSizeRowsInOrderUnderNoGrad() {
        boolean[] sawGrad = {false};
        FunctionModel model = twoColumns(sawGrad);
        BatchedForward forward = new BatchedForward(model, new int[] {3}, 4);
        List<Long> filled = new ArrayList<>();
        double[] scores = forward.scores(10, (p, dest, off) -> {
            filled.add(p);
            dest[off] = p;
            dest[off + 1] = 1;
            dest[off + 2] = 0;
        }, p -> (int) (p % 2));
        assertEquals(3, model.calls()); // 4 + 4 + 2 rows
        assertEquals(4, model.maxRows());
        assertEquals(3, forward.forwardPasses());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), filled);
        double[] expected = new double[10];
        for (int p = 0; p < 10; p++) expected[p] = (p + 1) * (p % 2 == 0 ? 1 : 2);
        assertArrayEquals(expected, scores, 0);
        assertTrue(!sawGrad[0], "forward passes must run under GradMode.noGrad()");
    }

    @Test
    void sameScoresForEveryBatchSize() {
        double[] reference = null;
        for (int batch : new int[] {1, 3, 7, 64}) {
            BatchedForward forward = new BatchedForward(twoColumns(new boolean[1]), new int[] {3}, batch);
            double[] s = forward.scores(20, (p, dest, off) -> {
                for (int j = 0; j < 3; j++) dest[off + j] = (float) Math.sin(p * 3 + j);
            }, p -> 1);
            if (reference == null) reference = s;
            assertArrayEquals(reference, s, 0);
        }
    }

    @Test
    void sideBySideBlocksGiveTheSameScoresInOrderUnderNoGrad() {
        int previous = Parallel.threads();
        try {
            double[] reference = null;
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                boolean[] sawGrad = {false};
                FunctionModel model = twoColumns(sawGrad).allowingConcurrentPasses();
                BatchedForward forward = new BatchedForward(model, new int[] {3}, 8);
                Thread caller = Thread.currentThread();
                List<Long> filled = new ArrayList<>();
                double[] s = forward.scores(50, (p, dest, off) -> {
                    assertTrue(Thread.currentThread() == caller, "rows are filled on the calling thread");
                    filled.add(p);
                    for (int j = 0; j < 3; j++) dest[off + j] = (float) Math.cos(p * 3 + j);
                }, p -> (int) (p % 2));
                for (int p = 0; p < 50; p++) assertEquals(p, (long) filled.get(p));
                if (reference == null) reference = s;
                assertArrayEquals(reference, s, 0, threads + " threads");
                assertTrue(model.maxRows() <= 8, "no pass over the batch size: " + model.maxRows());
                assertEquals(model.calls(), forward.forwardPasses());
                assertTrue(!sawGrad[0], "side-by-side passes must run under GradMode.noGrad() too");
            }
        } finally {
            Parallel.setThreads(previous);
        }
    }

    @Test
    void clearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchedForward(twoColumns(new boolean[1]), new int[] {3}, 0));
        assertEquals("batch size must be at least 1, got 0", e.getMessage());
        BatchedForward forward = new BatchedForward(twoColumns(new boolean[1]), new int[] {3}, 2);
        var t = assertThrows(IllegalArgumentException.class, () -> forward.scores(2, (p, d, o) -> {}, p -> 5));
        assertEquals("target 5 is outside the model's 2 output columns", t.getMessage());
        BatchedForward threeD = new BatchedForward(new FunctionModel(x -> Ops.unsqueeze(x, 1)), new int[] {3}, 2);
        var s = assertThrows(IllegalArgumentException.class, () -> threeD.scores(2, (p, d, o) -> {}, p -> 0));
        assertEquals("expected a model output of shape (2) or (2, classes) for 2 input rows, got [2,1,3]", s.getMessage());
    }
}
