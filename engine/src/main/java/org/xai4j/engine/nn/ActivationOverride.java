package org.xai4j.engine.nn;

import java.util.function.UnaryOperator;
import org.xai4j.engine.tensor.Tensor;

/**
 * Replaces one named intermediate value of a model run with what a function makes of it, for the
 * duration of a scope on this thread: {@code try (var o = ActivationOverride.replace(name, h -> scaled)) {
 * model.run(...); }}. Layer attributions need it: Captum's {@code LayerIntegratedGradients} interpolates a
 * layer's output and runs the rest of the network from there (a forward hook in PyTorch), and
 * {@code LayerFeatureAblation} sets a layer's units to a baseline. Scoped, keyed by the value's name, so a
 * reused module is not touched by accident; a run that never met the name leaves {@link #applied} false,
 * which the caller checks (a model that does not support overrides, a misspelt name).
 */
public final class ActivationOverride implements AutoCloseable {
    private static final ThreadLocal<ActivationOverride> CURRENT = new ThreadLocal<>();

    private final String name;
    private final UnaryOperator<Tensor> replacement;
    private final ActivationOverride previous;
    private boolean applied;

    private ActivationOverride(String name, UnaryOperator<Tensor> replacement, ActivationOverride previous) {
        this.name = name;
        this.replacement = replacement;
        this.previous = previous;
    }

    /** From now until {@link #close}, the value named {@code name} becomes {@code replacement.apply(value)} in every run on this thread. */
    public static ActivationOverride replace(String name, UnaryOperator<Tensor> replacement) {
        ActivationOverride o = new ActivationOverride(name, replacement, CURRENT.get());
        CURRENT.set(o);
        return o;
    }

    /** Whether any override is in force on this thread (a model then keeps every named value apart, fusing nothing). */
    public static boolean active() {
        return CURRENT.get() != null;
    }

    /** The value to store under {@code name}: {@code computed}, or its replacement when an override names it. */
    public static Tensor apply(String name, Tensor computed) {
        for (ActivationOverride o = CURRENT.get(); o != null; o = o.previous) {
            if (o.name.equals(name)) {
                o.applied = true;
                return o.replacement.apply(computed);
            }
        }
        return computed;
    }

    /** Whether a run met the name and replaced its value. */
    public boolean applied() {
        return applied;
    }

    @Override
    public void close() {
        if (CURRENT.get() != this) throw new IllegalStateException("activation overrides closed out of order");
        if (previous == null) CURRENT.remove();
        else CURRENT.set(previous);
    }
}
