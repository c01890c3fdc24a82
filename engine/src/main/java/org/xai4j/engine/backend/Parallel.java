package org.xai4j.engine.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's worker threads. Kernels split work into index ranges whose boundaries depend only on
 * the problem size, never on the thread count, and every output element is written by exactly one
 * task with a fixed summation order, so results are bit-identical for any {@link #setThreads}.
 */
public final class Parallel {
    private static volatile int threads = defaultThreads();
    private static volatile ForkJoinPool pool = new ForkJoinPool(threads);

    private Parallel() {}

    private static int defaultThreads() {
        String prop = System.getProperty("xai4j.threads", System.getenv("XAI4J_THREADS"));
        if (prop != null && !prop.isBlank()) {
            try {
                int n = Integer.parseInt(prop.trim());
                if (n >= 1) return n;
            } catch (NumberFormatException ignored) {
                // fall through to the hardware default
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Number of worker threads kernels may use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of worker threads (at least 1). Results do not depend on it. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        if (n == threads) return;
        ForkJoinPool old = pool;
        pool = new ForkJoinPool(n);
        threads = n;
        old.shutdown();
    }

    /** A body run over the half-open index range [start, end). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    /**
     * Runs {@code body} over [0, n) in chunks of {@code grain} indices (the last may be shorter).
     * Chunk boundaries depend only on n and grain. Runs inline when there is one chunk or one thread.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        int chunks = (n + g - 1) / g;
        if (chunks == 1 || threads == 1 || ForkJoinTask.inForkJoinPool()) {
            for (int s = 0; s < n; s += g) body.run(s, Math.min(n, s + g));
            return;
        }
        ForkJoinPool p = pool;
        List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks);
        for (int s = 0; s < n; s += g) {
            final int start = s, end = Math.min(n, s + g);
            tasks.add(p.submit(() -> body.run(start, end)));
        }
        for (ForkJoinTask<?> t : tasks) t.join();
    }

    /** Chooses a grain so that [0, n) splits into about 4 chunks per thread, each at least minGrain. */
    public static int grainFor(int n, int minGrain) {
        int target = Math.max(1, n / (Math.max(1, threads) * 4));
        return Math.max(minGrain, target);
    }
}
