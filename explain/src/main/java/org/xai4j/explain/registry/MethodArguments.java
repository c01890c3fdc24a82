package org.xai4j.explain.registry;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * What a method's factory reads: each option's value as given (by the CLI, or by Java code through
 * {@link Given}) or else the method's default, and the model and inputs for the few methods that read
 * the model's structure when built (CAM reads the classifier's weights).
 */
public final class MethodArguments {
    /** The values given; null for an option not given. */
    @FunctionalInterface
    public interface Given {
        <T> T value(MethodOption<T> option);
    }

    private final MethodSpec spec;
    private final Given given;
    private final Model model;
    private final Tensor inputs;

    public MethodArguments(MethodSpec spec, Given given, Model model, Tensor inputs) {
        this.spec = spec;
        this.given = given;
        this.model = model;
        this.inputs = inputs;
    }

    /** The option's value: given, else this method's default; an error naming the option when it is required. */
    public <T> T get(MethodOption<T> option) {
        T v = given.value(option);
        if (v != null) return v;
        if (option == MethodOptions.BATCH_SIZE || option == MethodOptions.SEED) {
            return option.type().cast(option == MethodOptions.BATCH_SIZE ? (Object) MethodRegistry.DEFAULT_BATCH_SIZE : (Object) 0L);
        }
        Param<T> p = spec.param(option);
        if (p == null) throw new IllegalStateException(spec.name() + " does not declare " + option.flag());
        if (p.required() != null) throw new OptionValueException(option.flag(), spec.name() + " needs " + option.flag() + " " + p.required());
        return p.defaultValue();
    }

    /** The option's value when this method takes it, else {@code fallback} (options records shared by methods that take different options). */
    public <T> T getIfTaken(MethodOption<T> option, T fallback) {
        return spec.takes(option) ? get(option) : fallback;
    }

    /** Whether the option was given (a method whose behaviour differs between absent and default asks this). */
    public boolean given(MethodOption<?> option) {
        return given.value(option) != null;
    }

    public int batchSize() {
        return get(MethodOptions.BATCH_SIZE);
    }

    public long seed() {
        return get(MethodOptions.SEED);
    }

    /** The model the method will explain; may be null when the method does not read it at construction. */
    public Model model() {
        return model;
    }

    /** The rows the method will explain; may be null when the method does not read them at construction. */
    public Tensor inputs() {
        return inputs;
    }

    /** The same values read with another method's defaults (a noise tunnel building its base method). */
    public MethodArguments forMethod(MethodSpec other) {
        return new MethodArguments(other, given, model, inputs);
    }
}
