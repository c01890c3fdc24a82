package org.xai4j.engine.nn;

import java.util.HashSet;
import java.util.Set;
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
 *
 * <p>A replacement by a fixed tensor ({@link #replaceWith}) does not look at the computed value, so a model
 * may skip computing it and whatever only it needed: Captum's hook computes the layer's output and throws
 * it away, and for ResNet-18's layer3 that is three quarters of the forward pass ({@link #fixedNames}).
 */
public final class ActivationOverride implements AutoCloseable {
    private static final ThreadLocal<ActivationOverride> CURRENT = new ThreadLocal<>();

    private final String name;
    private final UnaryOperator<Tensor> replacement;
    /** The tensor {@link #replaceWith} gave, or null for a function of the computed value. */
    private final Tensor fixed;
    private final ActivationOverride previous;
    private boolean applied;

    private ActivationOverride(String name, UnaryOperator<Tensor> replacement, Tensor fixed, ActivationOverride previous) {
        this.name = name;
        this.replacement = replacement;
        this.fixed = fixed;
        this.previous = previous;
    }

    /** From now until {@link #close}, the value named {@code name} becomes {@code replacement.apply(value)} in every run on this thread. */
    public static ActivationOverride replace(String name, UnaryOperator<Tensor> replacement) {
        ActivationOverride o = new ActivationOverride(name, replacement, null, CURRENT.get());
        CURRENT.set(o);
        return o;
    }

    /**
     * From now until {@link #close}, the value named {@code name} is {@code value} in every run on this
     * thread, whatever was computed; the model need not compute it, nor the values that only it reads (they
     * are then absent from the run's {@link Activations}). The caller makes {@code value} the shape the
     * model computes there (nothing checks it against a value that was never computed).
     *
     * @param value the replacement; not modified, and not copied
     */
    public static ActivationOverride replaceWith(String name, Tensor value) {
        if (value == null) throw new IllegalArgumentException("replaceWith: value must not be null");
        ActivationOverride o = new ActivationOverride(name, h -> value, value, CURRENT.get());
        CURRENT.set(o);
        return o;
    }

    /**
     * The names whose value is a fixed tensor ({@link #replaceWith}) in force on this thread, and not
     * shadowed by a later function override of the same name: a model need not compute them.
     */
    public static Set<String> fixedNames() {
        Set<String> fixed = new HashSet<>(), seen = new HashSet<>();
        for (ActivationOverride o = CURRENT.get(); o != null; o = o.previous) {
            if (seen.add(o.name) && o.fixed != null) fixed.add(o.name);
        }
        return fixed;
    }

    /** Whether an override in force on this thread names {@code name} (a model then computes that value as it is named). */
    public static boolean names(String name) {
        for (ActivationOverride o = CURRENT.get(); o != null; o = o.previous) {
            if (o.name.equals(name)) return true;
        }
        return false;
    }

    /** Whether any override is in force on this thread (a model then keeps every named value apart, fusing nothing). */
    public static boolean active() {
        return CURRENT.get() != null;
    }

    /**
     * The value to store under {@code name}: {@code computed}, or its replacement when an override names it.
     *
     * @param computed the model's value; may be null for a name of {@link #fixedNames} that was not computed
     */
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
