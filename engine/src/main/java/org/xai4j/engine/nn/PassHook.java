package org.xai4j.engine.nn;

/**
 * Something called before every model pass on this thread, for the duration of a scope:
 * {@code try (var h = PassHook.install(rows -> check())) { method.attribute(...); }}. A long explanation
 * is many forward (and backward) passes over batches of rows; a hook run between them can report
 * progress and stop the run by throwing (a service's cancellation or deadline). Scoped and per thread,
 * as {@link ActivationOverride}, so runs on other threads sharing the model are not touched.
 */
public final class PassHook implements AutoCloseable {
    /** What runs before each pass. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param rows the rows of the pass (axis 0 of its first input)
         * @throws RuntimeException to stop the run; it propagates out of the model's run
         */
        void beforePass(int rows);
    }

    private static final ThreadLocal<PassHook> CURRENT = new ThreadLocal<>();

    private final Listener listener;
    private final PassHook previous;
    /** Whether the hooks installed before this one are left out (see {@link #installAlone}). */
    private final boolean alone;

    private PassHook(Listener listener, PassHook previous, boolean alone) {
        this.listener = listener;
        this.previous = previous;
        this.alone = alone;
    }

    /**
     * From now until {@link #close}, {@code listener} runs before every model pass on this thread.
     *
     * @param listener what runs before each pass
     * @return the scope; close it to remove the listener
     */
    public static PassHook install(Listener listener) {
        PassHook h = new PassHook(listener, CURRENT.get(), false);
        CURRENT.set(h);
        return h;
    }

    /**
     * The hooks in force on this thread as one listener that other threads may call: calls are serialized,
     * so a hook written for one thread (a pass counter, a progress report) stays right. For work that a
     * method hands to worker threads: each runs it under {@link #installAlone}. Null when no hook is in force.
     *
     * @return the captured hooks, or null
     */
    public static Listener capture() {
        PassHook top = CURRENT.get();
        if (top == null) return null;
        Object lock = new Object();
        return rows -> {
            synchronized (lock) {
                run(top, rows);
            }
        };
    }

    /**
     * From now until {@link #close}, only {@code listener} runs before each pass on this thread, not the
     * hooks installed before it (the thread that captured them runs them through the listener).
     *
     * @param listener what runs before each pass, e.g. from {@link #capture}
     * @return the scope; close it to restore the hooks
     */
    public static PassHook installAlone(Listener listener) {
        PassHook h = new PassHook(listener, CURRENT.get(), true);
        CURRENT.set(h);
        return h;
    }

    /**
     * Called by a model at the start of each pass; runs the hooks in force on this thread, innermost first.
     *
     * @param rows the rows of the pass
     */
    public static void beforePass(int rows) {
        run(CURRENT.get(), rows);
    }

    private static void run(PassHook top, int rows) {
        for (PassHook h = top; h != null; h = h.alone ? null : h.previous) h.listener.beforePass(rows);
    }

    @Override
    public void close() {
        if (CURRENT.get() != this) throw new IllegalStateException("pass hooks closed out of order");
        if (previous == null) CURRENT.remove();
        else CURRENT.set(previous);
    }
}
