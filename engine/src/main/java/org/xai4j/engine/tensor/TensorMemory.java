package org.xai4j.engine.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Recycling of tensor storage within a scope. An explanation repeats the same forward and backward
 * pass over blocks of inputs, and every pass allocates the same activations and gradients again:
 * ResNet-18 integrated gradients allocated 1 GB per call. A fresh Java array is zeroed by the
 * allocating thread alone, and the first writes to it miss the caches: on the 2-vCPU VM a ReLU over
 * 16 MB into a fresh array took 2.6 ms, into a reused one 0.6 ms (most of it the zeroing).
 *
 * <p>Inside {@code try (var scope = TensorMemory.recycling()) { ... }} storage that {@link Tensor#zeros}
 * and {@link Tensor#empty} hand out on this thread is taken from arrays that earlier scopes on this
 * thread gave back, and when the scope closes every array handed out inside it is given back. So a
 * tensor made inside a scope must not be used after the scope closes: copy out what is kept (the
 * gradient methods copy the input gradient, the perturbation methods the output scores). Storage made
 * elsewhere ({@link Tensor#of}, caches of transformed weights, other threads) is never recycled.
 *
 * <p>With {@code -Dxai4j.recycle=false} nothing is recycled. With {@code -Dxai4j.recycle.check=true}
 * (the test suite sets it) every array given back is filled with NaN, and so is {@link Tensor#empty}
 * storage when it is reused: a tensor read after its scope closed, or a kernel that does not write all
 * of an {@code empty} output, then shows NaN in the results instead of plausible numbers.
 */
public final class TensorMemory {
    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("xai4j.recycle", "true").trim());
    private static final boolean CHECK = "true".equalsIgnoreCase(System.getProperty("xai4j.recycle.check", "false").trim());
    /** Arrays shorter than this are left to the garbage collector: recycling them gains nothing. */
    private static final int MIN_LENGTH = 1 << 12;
    /** Given-back arrays not reused by this many later scopes are dropped (a shape no longer used). */
    private static final int MAX_IDLE_SCOPES = 2;

    private static final ThreadLocal<TensorMemory> CURRENT = ThreadLocal.withInitial(TensorMemory::new);

    /** Free arrays by length, each with the scope generation that gave it back. */
    private final Map<Integer, ArrayDeque<Free>> free = new HashMap<>();
    /** Arrays handed out by each open scope, innermost last. */
    private final List<List<float[]>> open = new ArrayList<>();
    private long generation;

    private record Free(float[] array, long generation) {}

    private TensorMemory() {}

    /** A scope whose tensor storage is recycled; scopes nest, and each gives back what it handed out. */
    public static Scope recycling() {
        TensorMemory memory = CURRENT.get();
        List<float[]> handed = new ArrayList<>();
        memory.open.add(handed);
        return new Scope(memory, handed);
    }

    /**
     * Drops the arrays this thread's closed scopes gave back (they are otherwise kept for the next scope,
     * as much as one pass needs: for ResNet-18 integrated gradients at batch 50 about 250 MB), so that a
     * long-running thread that is done explaining returns them to the garbage collector.
     */
    public static void clear() {
        CURRENT.get().free.clear();
    }

    /** Storage of n floats: zero-filled if {@code zeroed}, else contents undefined. */
    static float[] allocate(int n, boolean zeroed) {
        if (!ENABLED || n < MIN_LENGTH) return new float[n];
        TensorMemory memory = CURRENT.get();
        if (memory.open.isEmpty()) return new float[n];
        List<float[]> handed = memory.open.get(memory.open.size() - 1);
        ArrayDeque<Free> sameLength = memory.free.get(n);
        Free reused = sameLength == null ? null : sameLength.pollLast();
        float[] array;
        if (reused == null) {
            array = new float[n];
        } else {
            array = reused.array();
            if (zeroed) Arrays.fill(array, 0f);
        }
        handed.add(array);
        return array;
    }

    /** The end of a {@link #recycling()} scope; closing twice is an error. */
    public static final class Scope implements AutoCloseable {
        private final TensorMemory memory;
        private final List<float[]> handed;
        private boolean closed;

        private Scope(TensorMemory memory, List<float[]> handed) {
            this.memory = memory;
            this.handed = handed;
        }

        @Override
        public void close() {
            if (closed) throw new IllegalStateException("TensorMemory scope closed twice");
            if (memory != CURRENT.get()) throw new IllegalStateException("TensorMemory scope closed on another thread");
            int at = memory.open.size() - 1;
            if (at < 0 || memory.open.get(at) != handed) throw new IllegalStateException("TensorMemory scopes closed out of order");
            closed = true;
            memory.open.remove(at);
            memory.giveBack(handed);
        }
    }

    private void giveBack(List<float[]> arrays) {
        long g = ++generation;
        for (float[] a : arrays) {
            if (CHECK) Arrays.fill(a, Float.NaN);
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addLast(new Free(a, g));
        }
        // drop what several scopes in a row did not want: memory stays bounded by one pass's needs
        for (Iterator<ArrayDeque<Free>> it = free.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Free> q = it.next();
            while (!q.isEmpty() && g - q.peekFirst().generation() > MAX_IDLE_SCOPES) q.pollFirst();
            if (q.isEmpty()) it.remove();
        }
    }
}
