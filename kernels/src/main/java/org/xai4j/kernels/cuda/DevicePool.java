package org.xai4j.kernels.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A caching allocator of device memory, so an explanation's repeated passes do not call cuMemAlloc per
 * tensor (as PyTorch's CUDACachingAllocator): blocks are rounded to a size class and kept on a free list
 * when their tensor is done with them, to serve the next request of that class. A block comes back when
 * the {@link Scope} that allocated it closes (the analogue of TensorMemory's scopes) or, outside scopes,
 * when the garbage collector finds its storage unreachable. When cuMemAlloc fails the free lists are
 * released to the driver and the allocation is tried once more.
 */
final class DevicePool {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<List<List<CudaStorage>>> SCOPES = ThreadLocal.withInitial(ArrayList::new);

    private final CudaContext context;
    private final Map<Long, ArrayDeque<CUdeviceptr>> free = new HashMap<>();
    private long cachedBytes, allocatedBytes, driverAllocations;

    DevicePool(CudaContext context) {
        this.context = context;
    }

    /** Size classes: powers of two up to 1 MiB, then multiples of 2 MiB (little waste on large activations). */
    static long sizeClass(long bytes) {
        long b = Math.max(bytes, 256);
        if (b <= (1L << 20)) return Long.highestOneBit(b - 1) << 1;
        long step = 2L << 20;
        return (b + step - 1) / step * step;
    }

    /** Storage for {@code floats} floats on this device; contents undefined. */
    CudaStorage allocate(long floats) {
        long cls = sizeClass(floats * Float.BYTES);
        CUdeviceptr p;
        synchronized (this) {
            ArrayDeque<CUdeviceptr> q = free.get(cls);
            p = q == null ? null : q.pollLast();
            if (p != null) cachedBytes -= cls;
        }
        if (p == null) p = driverAlloc(cls);
        synchronized (this) {
            allocatedBytes += cls;
        }
        CudaStorage s = new CudaStorage(context, p, floats);
        Returner r = new Returner(this, p, cls);
        s.attach(CLEANER.register(s, r));
        List<List<CudaStorage>> scopes = SCOPES.get();
        if (!scopes.isEmpty()) scopes.get(scopes.size() - 1).add(s);
        return s;
    }

    private CUdeviceptr driverAlloc(long bytes) {
        context.current();
        CUdeviceptr p = new CUdeviceptr();
        try {
            JCudaDriver.cuMemAlloc(p, bytes);
        } catch (RuntimeException outOfMemory) {
            // Device tensors dropped outside a scope come back only when the garbage collector finds them, and
            // the Java heap may not be short enough to run it: collect, let the cleaner return their blocks, and
            // give every free block back to the driver before the last try.
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            releaseCached();
            JCudaDriver.cuMemAlloc(p, bytes);
        }
        synchronized (this) {
            driverAllocations++;
        }
        return p;
    }

    /** Gives the free blocks back to the driver. */
    synchronized void releaseCached() {
        context.current();
        for (ArrayDeque<CUdeviceptr> q : free.values()) for (CUdeviceptr p : q) JCudaDriver.cuMemFree(p);
        free.clear();
        cachedBytes = 0;
    }

    synchronized void giveBack(CUdeviceptr p, long cls) {
        free.computeIfAbsent(cls, k -> new ArrayDeque<>()).addLast(p);
        cachedBytes += cls;
        allocatedBytes -= cls;
    }

    /** cuMemAlloc calls so far (a test asserts that repeated passes stop calling it). */
    synchronized long driverAllocations() {
        return driverAllocations;
    }

    /** Returns a block to the pool once (from a scope's close or from the cleaner). */
    static final class Returner implements Runnable {
        private final DevicePool pool;
        private final CUdeviceptr pointer;
        private final long sizeClass;
        private boolean done;

        Returner(DevicePool pool, CUdeviceptr pointer, long sizeClass) {
            this.pool = pool;
            this.pointer = pointer;
            this.sizeClass = sizeClass;
        }

        @Override
        public synchronized void run() {
            if (done) return;
            done = true;
            pool.giveBack(pointer, sizeClass);
        }
    }

    /** Opens a scope on this thread: device storage allocated inside it returns to the pool when it closes. */
    static Scope scope() {
        List<CudaStorage> handed = new ArrayList<>();
        SCOPES.get().add(handed);
        return new Scope(handed, true);
    }

    /** Opens a scope whose allocations the enclosing scopes do not give back (cached weights); the cleaner does. */
    static Scope persistent() {
        List<CudaStorage> handed = new ArrayList<>();
        SCOPES.get().add(handed);
        return new Scope(handed, false);
    }

    /** The end of a {@link #scope()}; device tensors made inside must not be used after it. */
    static final class Scope implements org.xai4j.engine.backend.MemoryScope {
        private final List<CudaStorage> handed;
        private final boolean release;
        private boolean closed;

        private Scope(List<CudaStorage> handed, boolean release) {
            this.handed = handed;
            this.release = release;
        }

        @Override
        public void close() {
            if (closed) throw new IllegalStateException("device memory scope closed twice");
            List<List<CudaStorage>> scopes = SCOPES.get();
            if (scopes.isEmpty() || scopes.get(scopes.size() - 1) != handed) {
                throw new IllegalStateException("device memory scopes closed out of order or on another thread");
            }
            closed = true;
            scopes.remove(scopes.size() - 1);
            if (release) for (CudaStorage s : handed) s.release();
        }
    }
}
