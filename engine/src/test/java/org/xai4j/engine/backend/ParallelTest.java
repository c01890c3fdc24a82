package org.xai4j.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker pool: every index exactly once, errors reach the caller, nested and concurrent calls. */
class ParallelTest {
    private final int threads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(threads);
    }

    @Test
    void everyIndexRunsExactlyOnceInChunksThatDoNotDependOnTheThreadCount() {
        for (int t : new int[] {1, 2, 3}) {
            Parallel.setThreads(t);
            for (int rep = 0; rep < 200; rep++) {
                int[] hits = new int[1000];
                int[] chunkOf = new int[1000];
                Parallel.forRange(1000, 37, (s, e) -> {
                    for (int i = s; i < e; i++) {
                        hits[i]++;
                        chunkOf[i] = s;
                    }
                });
                int[] ones = new int[1000];
                java.util.Arrays.fill(ones, 1);
                assertArrayEquals(ones, hits);
                for (int i = 0; i < 1000; i++) assertEquals(i / 37 * 37, chunkOf[i]);
            }
        }
    }

    @Test
    void anExceptionInAChunkReachesTheCallerAndThePoolStillWorks() {
        Parallel.setThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, 1, (s, end) -> {
            if (s == 57) throw new IllegalStateException("chunk 57");
        }));
        assertEquals("chunk 57", e.getMessage());
        AtomicInteger sum = new AtomicInteger();
        Parallel.forRange(100, 1, (s, end) -> sum.addAndGet(s));
        assertEquals(4950, sum.get());
    }

    @Test
    void nestedAndConcurrentCallsComplete() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicInteger inner = new AtomicInteger();
        Parallel.forRange(8, 1, (s, e) -> Parallel.forRange(10, 2, (a, b) -> inner.addAndGet(b - a)));
        assertEquals(80, inner.get());
        AtomicInteger total = new AtomicInteger();
        Thread[] callers = new Thread[3];
        for (int c = 0; c < callers.length; c++) {
            callers[c] = new Thread(() -> {
                for (int rep = 0; rep < 300; rep++) Parallel.forRange(64, 4, (a, b) -> total.addAndGet(b - a));
            });
            callers[c].start();
        }
        for (Thread t : callers) t.join();
        assertEquals(3 * 300 * 64, total.get());
    }
}
