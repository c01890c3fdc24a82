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

    private PassHook(Listener listener, PassHook previous) {
        this.listener = listener;
        this.previous = previous;
    }

    /**
     * From now until {@link #close}, {@code listener} runs before every model pass on this thread.
     *
     * @param listener what runs before each pass
     * @return the scope; close it to remove the listener
     */
    public static PassHook install(Listener listener) {
        PassHook h = new PassHook(listener, CURRENT.get());
        CURRENT.set(h);
        return h;
    }

    /**
     * Called by a model at the start of each pass; runs the hooks in force on this thread, innermost first.
     *
     * @param rows the rows of the pass
     */
    public static void beforePass(int rows) {
        for (PassHook h = CURRENT.get(); h != null; h = h.previous) h.listener.beforePass(rows);
    }

    @Override
    public void close() {
        if (CURRENT.get() != this) throw new IllegalStateException("pass hooks closed out of order");
        if (previous == null) CURRENT.remove();
        else CURRENT.set(previous);
    }
}
