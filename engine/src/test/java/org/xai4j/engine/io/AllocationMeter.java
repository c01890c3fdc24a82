package org.xai4j.engine.io;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates while a piece of code runs (HotSpot's per-thread counter). Tests
 * that a reader refuses an absurd size "before allocating" assert on this count instead of on wall
 * time, which depends on the machine and its load.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {}

    /** Whether the JVM counts allocations per thread (HotSpot does); if not, {@link #bytes} returns 0. */
    public static boolean available() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** Bytes allocated so far by the calling thread, or 0 where the JVM does not count them. */
    public static long bytes() {
        return available() ? THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
    }
}
