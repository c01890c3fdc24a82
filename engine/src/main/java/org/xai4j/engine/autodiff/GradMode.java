package org.xai4j.engine.autodiff;

/**
 * Whether ops are recorded on this thread. Plain inference runs inside {@code try (var s =
 * GradMode.noGrad()) { ... }}, which records nothing and keeps no activations alive.
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** A scope in which nothing is recorded; closing it restores the previous mode. */
    public static Scope noGrad() {
        return set(false);
    }

    /** A scope in which ops are recorded again (inside a no-grad region). */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean on) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = on;
        return () -> flag[0] = previous;
    }

    /** A try-with-resources scope whose close cannot throw. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
