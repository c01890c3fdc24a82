package org.xai4j.engine.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's worker threads. Kernels split work into index ranges whose boundaries depend only on
 * the problem size, never on the thread count, and every output element is written by exactly one
 * task with a fixed summation order, so results are bit-identical for any {@link #setThreads}.
 *
 * <p>The pool is {@code threads - 1} workers plus the calling thread, which takes chunks too. Idle
 * workers spin for {@link #SPIN_NANOS} before they park: an explanation pass is hundreds of kernels a
 * few tens of microseconds apart, and waking a parked thread cost 60-90 us on the 2-vCPU VM, as much as
 * the kernels themselves at batch 4 (ResNet-18 saliency ran as fast on one thread as on two with a
 * ForkJoinPool). The spin-then-park scheme is the one OpenMP runtimes use (GOMP_SPINCOUNT, KMP_BLOCKTIME).
 */
public final class Parallel {
    /** How long an idle worker polls for the next job before parking. */
    static final long SPIN_NANOS = 200_000;

    private static volatile int threads = defaultThreads();
    private static volatile Pool pool = new Pool(threads - 1);

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
        Pool old = pool;
        pool = new Pool(n - 1);
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
     * Chunk boundaries depend only on n and grain. Runs inline when there is one chunk or one thread,
     * when called from inside another forRange, or when another thread has the pool.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        int chunks = (n + g - 1) / g;
        Pool p = pool;
        if (chunks == 1 || p.workers.length == 0 || !p.run(n, g, chunks, body)) {
            for (int s = 0; s < n; s += g) body.run(s, Math.min(n, s + g));
        }
    }

    /** Chooses a grain so that [0, n) splits into about 4 chunks per thread, each at least minGrain. */
    public static int grainFor(int n, int minGrain) {
        int target = Math.max(1, n / (Math.max(1, threads) * 4));
        return Math.max(minGrain, target);
    }

    /** One forRange call: chunks are claimed in any order by whoever is free; each is run exactly once. */
    private static final class Job {
        final int n, grain, chunks;
        final RangeBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(int n, int grain, int chunks, RangeBody body) {
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.body = body;
        }

        void work() {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                try {
                    int s = c * grain;
                    body.run(s, Math.min(n, s + grain));
                } catch (Throwable t) {
                    if (error == null) error = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private static final class Pool {
        final Worker[] workers;
        /** Held by the thread whose job is running: one job at a time; nested or concurrent calls run inline. */
        final ReentrantLock owner = new ReentrantLock();
        volatile Job job;
        volatile boolean stopped;

        Pool(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this, i);
                workers[i].start();
            }
        }

        /** Runs the job with the workers; false (nothing run) if this thread is inside a job or another one is running. */
        boolean run(int n, int grain, int chunks, RangeBody body) {
            if (Thread.currentThread() instanceof Worker || owner.isHeldByCurrentThread() || !owner.tryLock()) return false;
            try {
                Job j = new Job(n, grain, chunks, body);
                job = j;
                for (Worker w : workers) LockSupport.unpark(w);
                j.work();
                // the last chunks are running on workers; yield rather than spin past a few microseconds,
                // in case one of them lost its core to a GC or compiler thread
                for (int spins = 0; j.done.get() < chunks; spins++) {
                    if (spins < 1000) Thread.onSpinWait();
                    else Thread.yield();
                }
                job = null;
                Throwable t = j.error;
                if (t instanceof RuntimeException e) throw e;
                if (t instanceof Error e) throw e;
                if (t != null) throw new IllegalStateException(t);
                return true;
            } finally {
                owner.unlock();
            }
        }

        void shutdown() {
            stopped = true;
            for (Worker w : workers) LockSupport.unpark(w);
        }
    }

    private static final class Worker extends Thread {
        private final Pool pool;

        Worker(Pool pool, int index) {
            super("xai4j-worker-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            while (!pool.stopped) {
                Job j = pool.job;
                if (j != null && j != last) {
                    last = j;
                    j.work();
                    continue;
                }
                // spin a while for the next job, then sleep until a submitter unparks us
                // (polling hard at first, then yielding between polls, so that a waiting worker does not keep a
                // runnable thread off its core for long)
                long start = System.nanoTime();
                while (!pool.stopped && ((j = pool.job) == null || j == last)) {
                    long waited = System.nanoTime() - start;
                    if (waited < SPIN_NANOS / 10) {
                        Thread.onSpinWait();
                    } else if (waited < SPIN_NANOS) {
                        Thread.yield();
                    } else {
                        LockSupport.park(this);
                    }
                }
            }
        }
    }
}
