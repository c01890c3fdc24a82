package org.xai4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.nn.PassHook;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.Targets;
import org.xai4j.explain.gradient.AttributionWithDelta;
import org.xai4j.explain.gradient.ConvergenceDeltaMethod;
import org.xai4j.explain.registry.MethodExtra;
import org.xai4j.explain.registry.MethodFamily;
import org.xai4j.explain.registry.MethodOption;
import org.xai4j.explain.registry.MethodOptions;
import org.xai4j.explain.registry.MethodRegistry;
import org.xai4j.explain.registry.MethodSpec;
import org.xai4j.explain.registry.OptionValueException;

/**
 * An attribution method picked by its Captum name from the registry ({@code integrated-gradients},
 * {@code kernel-shap}, {@code layer-grad-cam}, ...: {@link #names()}) or by its class, with options that
 * start at Captum's defaults and are changed with {@link #with}. Immutable: each {@code with} returns a
 * new method, so one configured method may be shared by threads.
 *
 * <pre>{@code
 * Attribution a = Method.named("integrated-gradients").with(MethodOptions.STEPS, 100).attribute(model, inputs);
 * }</pre>
 */
public final class Method {
    private final MethodSpec spec;
    private final Map<MethodOption<?>, Object> values;

    private Method(MethodSpec spec, Map<MethodOption<?>, Object> values) {
        this.spec = spec;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The registered method {@code name} (or one of its aliases, as {@code layer-grad-cam}), with its defaults.
     *
     * @param name a name of {@link #names()}, or an alias
     * @return the method with its defaults
     * @throws OptionException an unknown name (the message lists the known ones)
     */
    public static Method named(String name) {
        MethodSpec s = MethodRegistry.find(name);
        if (s == null) {
            throw new OptionException(name, null, "unknown method '" + name + "'; known: " + String.join(", ", MethodRegistry.names()), null);
        }
        return new Method(s, new LinkedHashMap<>());
    }

    /**
     * The method implemented by {@code type} (e.g. {@code IntegratedGradients.class}), found by Captum's
     * class name in kebab case. The classes behind several registry names (the noise tunnel's
     * smoothgrad, smoothgrad-sq and vargrad; NeuronGradient's guided and deconvolution variants) are
     * picked with {@link #named}.
     *
     * @param type the method's class
     * @return the method with its defaults
     * @throws OptionException a class that is no registered method, or that stands for several
     */
    public static Method of(Class<? extends AttributionMethod> type) {
        String simple = type.getSimpleName();
        String name = CLASS_NAMES.getOrDefault(simple, kebab(simple));
        if (MethodRegistry.find(name) == null) {
            throw new OptionException(simple, null, simple + " is not one registered method; pick it by name, one of: "
                    + String.join(", ", MethodRegistry.names()), null);
        }
        return named(name);
    }

    /** Classes whose registry name is not their name in kebab case. */
    private static final Map<String, String> CLASS_NAMES = Map.of("ShapleyValues", "shapley-exact",
            "ShapleyValueSampling", "shapley-sampling", "NoiseTunnel", "");

    /** {@code IntegratedGradients} → {@code integrated-gradients}; Captum's DeepLift is one word here ({@code deeplift}). */
    static String kebab(String className) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            if (Character.isUpperCase(c) && i > 0) s.append('-');
            s.append(Character.toLowerCase(c));
        }
        return s.toString().replace("deep-lift", "deeplift");
    }

    /** {@return the registered names, in the order of the README's method table} */
    public static Set<String> names() {
        return MethodRegistry.names();
    }

    /** {@return the registry name, e.g. {@code integrated-gradients}} */
    public String name() {
        return spec.name();
    }

    /** {@return the registry entry: family, options with their defaults, extras} */
    public MethodSpec spec() {
        return spec;
    }

    /**
     * The same method with {@code option} set (the constants of {@link MethodOptions}: {@code STEPS},
     * {@code SAMPLES}, {@code BASELINE}, {@code FEATURE_MASK}, {@code LAYER}, ...).
     *
     * @param <T>    the option's value type
     * @param option the option
     * @param value  its value; null restores the default
     * @return the method with the option set
     * @throws OptionException an option this method does not take (the message lists those it takes)
     */
    public <T> Method with(MethodOption<T> option, T value) {
        boolean tunnel = spec.family() == MethodFamily.NOISE_TUNNEL;
        if (!spec.takes(option) && !MethodRegistry.COMMON.contains(option) && !tunnel) {
            throw new OptionException(name(), option.flag(), name() + " does not take " + option.flag() + "; it takes "
                    + String.join(", ", MethodRegistry.acceptedFlags(spec, null)), null);
        }
        Map<MethodOption<?>, Object> v = new LinkedHashMap<>(values);
        if (value == null) v.remove(option);
        else v.put(option, value);
        return new Method(spec, v);
    }

    /**
     * The same method with a reference array option from rows: {@code BASELINE} (broadcast to the inputs),
     * {@code BASELINES} (a distribution to draw from) or {@code BACKGROUND}.
     *
     * @param option the option
     * @param rows   its value
     * @return the method with the option set
     * @throws OptionException an option that takes no array, or one this method does not take
     */
    @SuppressWarnings("unchecked")
    public Method with(MethodOption<?> option, Inputs rows) {
        if (option == MethodOptions.BASELINE) return with((MethodOption<Baseline>) option, Baseline.of(rows.tensor()));
        if (option == MethodOptions.BASELINES) return with((MethodOption<Baseline>) option, Baseline.distribution(rows.tensor()));
        if (option.type() == Tensor.class) return with((MethodOption<Tensor>) option, rows.tensor());
        throw new OptionException(name(), option.flag(), option.flag() + " does not take an array", null);
    }

    /**
     * The same method evaluating {@code rows} model rows per pass (default {@value MethodRegistry#DEFAULT_BATCH_SIZE}; no result depends on it).
     *
     * @param rows at least 1
     * @return the method with the batch size set
     */
    public Method withBatchSize(int rows) {
        if (rows < 1) throw new OptionException(name(), MethodOptions.BATCH_SIZE.flag(), "--batch-size must be >= 1, got " + rows, null);
        return with(MethodOptions.BATCH_SIZE, rows);
    }

    /**
     * The same method with the seed of its random numbers (the deterministic methods ignore it).
     *
     * @param seed the Philox seed
     * @return the method with the seed set
     */
    public Method withSeed(long seed) {
        return with(MethodOptions.SEED, seed);
    }

    /**
     * An option's value: as set, else this method's default.
     *
     * @param <T>    the option's value type
     * @param option the option
     * @return its value; null where the default is an absence (zeros, none)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(MethodOption<T> option) {
        Object v = values.get(option);
        if (v != null) return (T) v;
        if (option == MethodOptions.BATCH_SIZE) return (T) (Integer) MethodRegistry.DEFAULT_BATCH_SIZE;
        if (option == MethodOptions.SEED) return (T) (Long) 0L;
        return spec.takes(option) ? spec.param(option).defaultValue() : null;
    }

    /**
     * Attributions for every row's default target (its argmax; column 0 for a one-column model).
     *
     * @param model  the model, shared or not
     * @param inputs the rows
     * @return the attributions and the method's extras
     */
    public Attribution attribute(Model model, Inputs inputs) {
        return attribute(model, inputs, null, RunControl.NONE);
    }

    /**
     * Attributions for the given targets.
     *
     * @param model   the model, shared or not
     * @param inputs  the rows
     * @param targets one output column per row, or one for every row; null for the defaults
     * @return the attributions and the method's extras
     */
    public Attribution attribute(Model model, Inputs inputs, int[] targets) {
        return attribute(model, inputs, targets, RunControl.NONE);
    }

    /**
     * Attributions for the given targets, followed and stoppable through {@code control}.
     *
     * @param model   the model, shared or not
     * @param inputs  the rows
     * @param targets one output column per row, or one for every row; null for the defaults
     * @param control progress, cancellation and deadline ({@link RunControl#NONE}: none)
     * @return the attributions and the method's extras
     * @throws InputException     inputs that do not fit the model
     * @throws OptionException    an option value the method refuses, a bad target
     * @throws RunStoppedException cancelled or past the deadline
     * @throws ModelException     the model failed while running
     */
    public Attribution attribute(Model model, Inputs inputs, int[] targets, RunControl control) {
        model.checkInput(inputs);
        Tensor x = inputs.tensor();
        AttributionMethod method = create(model, x);
        try (PassHook ignored = control.install()) {
            // as xai explain: the targets' default from the outputs computed --batch-size rows per pass
            Tensor scores = Targets.outputs(model.graph(), x, get(MethodOptions.BATCH_SIZE));
            int[] t;
            try {
                t = Targets.resolve(scores, x.shape()[0], targets);
            } catch (IllegalArgumentException e) {
                throw new OptionException(name(), "--target", e.getMessage(), e);
            }
            Map<MethodExtra, float[]> extras = new LinkedHashMap<>();
            Tensor a;
            if (method instanceof ConvergenceDeltaMethod withDelta) {
                AttributionWithDelta r = withDelta.attributeWithDelta(model.graph(), x, t);
                a = r.attributions();
                extras.put(MethodExtra.CONVERGENCE_DELTA, r.delta().clone());
            } else {
                a = method.attribute(model.graph(), x, t);
            }
            return new Attribution(name(), a.shape().clone(), a.contiguous().toArray(), t.clone(), extras);
        } catch (XaiException e) {
            throw e;
        } catch (OnnxImportException e) {
            throw new ModelException(model.file(), null, e.getMessage(), e);
        } catch (ShapeException e) {
            throw new InputException(inputs.file(), model.inputNames().get(0), null, Shape.str(inputs.shape()), e.getMessage(), e);
        } catch (OptionValueException e) {
            throw new OptionException(name(), e.flag(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new OptionException(name(), null, name() + ": " + e.getMessage(), e);
        }
    }

    /** The engine's method from the registry, with the values set here and the defaults for the rest. */
    private AttributionMethod create(Model model, Tensor x) {
        try {
            if (spec.family() == MethodFamily.NOISE_TUNNEL) checkTunnelOptions();
            return spec.create(this::given, model.graph(), x);
        } catch (OptionValueException e) {
            throw new OptionException(name(), e.flag(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new OptionException(name(), null, name() + ": " + e.getMessage(), e);
        }
    }

    private <T> T given(MethodOption<T> option) {
        return option.type().cast(values.get(option));
    }

    /** A noise tunnel takes its own options and its base method's. */
    private void checkTunnelOptions() {
        Set<String> accepted = MethodRegistry.acceptedFlags(spec, (String) values.get(MethodOptions.BASE_METHOD));
        MethodSpec base = MethodRegistry.noiseBase((String) values.get(MethodOptions.BASE_METHOD));
        for (MethodOption<?> o : values.keySet()) {
            if (!spec.takes(o) && !base.takes(o) && !MethodRegistry.COMMON.contains(o)) {
                throw new OptionException(name(), o.flag(), name() + " with base method " + base.name() + " does not take "
                        + o.flag() + "; it takes " + String.join(", ", accepted), null);
            }
        }
    }

    @Override
    public String toString() {
        return name() + values;
    }
}
