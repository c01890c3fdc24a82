package org.xai4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.gradient.Integration;
import org.xai4j.explain.gradient.LayerSelection;
import org.xai4j.explain.gradient.Upsampling;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.gradient.LrpLayerRules;
import org.xai4j.explain.perturbation.FeatureMask;
import org.xai4j.explain.registry.MethodArguments;
import org.xai4j.explain.registry.MethodFamily;
import org.xai4j.explain.registry.MethodOption;
import org.xai4j.explain.registry.MethodOptions;
import org.xai4j.explain.registry.MethodRegistry;
import org.xai4j.explain.registry.MethodSpec;
import org.xai4j.explain.registry.OptionValueException;

/**
 * Builds the attribution method a command line names through {@link MethodRegistry}, with the method's
 * defaults for what it leaves out, and refuses options the method does not take (a usage error naming
 * them). The registry declares each method's options; this class reads their values from the command
 * line (files through the readers, numbers, names) and checks them (issue 18: every bad value is a
 * usage error naming its option).
 */
final class MethodFactory {
    static final int DEFAULT_BATCH = MethodRegistry.DEFAULT_BATCH_SIZE;

    private final ExplainOptions o;
    private final OnnxGraphModel model;
    private final Tensor inputs;
    private final int batch;
    private final boolean allowNonFinite;

    private final InputFiles readers;

    MethodFactory(ExplainOptions options, OnnxGraphModel model, Tensor inputs) {
        this(options, model, inputs, new InputFiles(), false);
    }

    /**
     * @param readers        the readers (CSV, images, FASTA, .npy) that --baseline, --baselines and --background files go through
     * @param allowNonFinite {@code --allow-nonfinite}: accept NaN and infinities in --baseline, --baselines, --background
     */
    MethodFactory(ExplainOptions options, OnnxGraphModel model, Tensor inputs, InputFiles readers, boolean allowNonFinite) {
        this.readers = readers;
        this.o = options;
        this.model = model;
        this.inputs = inputs;
        this.allowNonFinite = allowNonFinite;
        OptionLimits.count("--batch-size", options.batchSize);
        this.batch = options.batchSize == null ? DEFAULT_BATCH : options.batchSize;
    }

    /** The registered method {@code name}; a usage error listing the known ones when there is none. */
    static MethodSpec spec(String name) {
        MethodSpec s = MethodRegistry.find(name);
        if (s == null) throw new Main.UsageError("--method: unknown method '" + name + "'; known: " + String.join(", ", MethodRegistry.names()));
        return s;
    }

    /** The method, checked against the options given. */
    AttributionMethod create() throws IOException {
        MethodSpec spec = spec(o.method);
        Set<String> allowed;
        try {
            allowed = MethodRegistry.acceptedFlags(spec, o.baseMethod);
        } catch (OptionValueException e) {
            throw new Main.UsageError(e.getMessage());
        }
        List<String> refused = new ArrayList<>();
        for (String given : ExplainOptions.given(o)) {
            if (!allowed.contains(given) && !COMMON_FLAGS.contains(given)) refused.add(given);
        }
        if (!refused.isEmpty()) {
            throw new Main.UsageError(o.method + " does not take " + String.join(", ", refused)
                    + (allowed.isEmpty() ? "" : "; it takes " + String.join(", ", allowed)));
        }
        ExplainOptionChecks.checkValues(o, inputs);
        if (spec.takes(MethodOptions.LAYER)) checkLayer();
        if (o.neuronLayer != null && !runFirstRows().contains(o.neuronLayer)) {
            throw new Main.UsageError("--neuron-layer: no tensor named '" + o.neuronLayer + "' in the model; xai layers lists them");
        }
        try {
            return spec.create(new CommandLineValues(), model, inputs);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (OptionValueException e) {
            throw new Main.UsageError(e.getMessage().contains(e.flag()) ? e.getMessage() : e.flag() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // a method's options refusing a value (Riemann with one step, a mask that does not fit) are the user's to fix
            throw new Main.UsageError(e.getMessage());
        }
    }

    /** The methods whose forward and backward passes run on the GPU with --device cuda (GradientSupport). */
    static final List<String> DEVICE_METHODS = List.of("saliency", "input-x-gradient", "integrated-gradients",
            "guided-backprop", "deconvolution", "gradient-shap");

    /** Whether --method (for a noise tunnel: its --base-method) runs its passes on a device. */
    boolean runsOnDevice() {
        MethodSpec spec = spec(o.method);
        if (spec.family() == MethodFamily.NOISE_TUNNEL) {
            try {
                spec = MethodRegistry.noiseBase(o.baseMethod);
            } catch (OptionValueException e) {
                throw new Main.UsageError(e.getMessage());
            }
        }
        return DEVICE_METHODS.contains(spec.name());
    }

    private static final Set<String> COMMON_FLAGS = MethodRegistry.COMMON.stream().map(MethodOption::flag)
            .collect(java.util.stream.Collectors.toSet());

    /** The values on the command line, typed as the registry's options declare them; null when not given. */
    private final class CommandLineValues implements MethodArguments.Given {
        @Override
        public <T> T value(MethodOption<T> option) {
            try {
                return option.type().cast(read(option));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Object read(MethodOption<?> option) throws IOException {
            if (option == MethodOptions.BATCH_SIZE) return batch;
            if (option == MethodOptions.SEED) return o.seed;
            if (option == MethodOptions.NO_ABS) return o.noAbs;
            if (option == MethodOptions.STEPS) return o.steps;
            if (option == MethodOptions.INTEGRATION) {
                return o.integration == null ? null : parse("--integration", () -> Integration.parse(o.integration));
            }
            if (option == MethodOptions.BASELINE) return o.baseline == null ? null : baseline();
            if (option == MethodOptions.BASELINES) return o.baselines == null ? null : Baseline.distribution(array("--baselines", o.baselines));
            if (option == MethodOptions.BACKGROUND) return o.background == null ? null : array("--background", o.background);
            if (option == MethodOptions.BASE_METHOD) return o.baseMethod;
            if (option == MethodOptions.SAMPLES) return o.samples;
            if (option == MethodOptions.STDEV) return o.stdev;
            if (option == MethodOptions.LAYER) return o.layer;
            if (option == MethodOptions.RELU) return o.relu;
            if (option == MethodOptions.EPSILON) return o.epsilon;
            if (option == MethodOptions.LRP_RULE) return o.lrpRule == null ? null : parse("--lrp-rule", () -> LrpLayerRules.parse(o.lrpRule));
            if (option == MethodOptions.GAMMA) return o.gamma;
            if (option == MethodOptions.SET_BIAS_TO_ZERO) return o.setBiasToZero;
            if (option == MethodOptions.NEURON_LAYER) return o.neuronLayer;
            if (option == MethodOptions.NEURON_INDEX) return o.neuronIndex;
            if (option == MethodOptions.ATTRIBUTE_TO_LAYER_INPUT) return o.attributeToLayerInput;
            if (option == MethodOptions.UPSAMPLE) return o.upsample == null ? null : upsampling();
            if (option == MethodOptions.WINDOW) return o.window;
            if (option == MethodOptions.STRIDE) return o.stride;
            if (option == MethodOptions.FEATURE_MASK) return mask();
            throw new IllegalStateException("no command-line option for " + option.flag());
        }
    }

    private Upsampling upsampling() {
        return o.upsample == null ? Upsampling.NONE : parse("--upsample", () -> Upsampling.parse(o.upsample));
    }

    /**
     * One unrecorded pass over the first rows (up to a --batch-size chunk), for the tensor names and
     * shapes. Not over one row: a one-row pass as the JVM's first left the ResNet-18 convolutions
     * compiled for it, and the explanation's own four-row passes ran 3-10x slower for the rest of the
     * run (Grad-CAM 25-70 ms instead of 6-8 ms; bench/RESULTS.md, issue 10).
     */
    private org.xai4j.engine.nn.Activations runFirstRows() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            int rows = Math.min(inputs.shape()[0], batch);
            Tensor first = org.xai4j.engine.ops.Ops.slice(inputs, 0, 0, rows, 1);
            return model.run(List.of(first), RunOptions.INFERENCE);
        }
    }

    /**
     * The layer that --layer auto (or no --layer) picks for a CAM method, as the method will pick it
     * ({@link LayerSelection#auto} on one row), with its shape; null for other methods or a named layer.
     */
    String autoLayer() {
        if (!spec(o.method).takes(MethodOptions.LAYER)) return null;
        if (o.layer != null && !o.layer.equals(LayerSelection.AUTO)) return null;
        var acts = runFirstRows();
        String layer = parse("--layer", () -> LayerSelection.auto(acts, model.inputNames()));
        int[] shape = acts.get(layer).shape().clone();
        shape[0] = inputs.shape()[0];
        return layer + " " + CommonOptions.shapeText(shape);
    }

    /** The layer names a gradient layer method may use, for checking --layer before the run. */
    void checkLayer() {
        boolean layerMethod = spec(o.method).takes(MethodOptions.LAYER);
        if (layerMethod && (o.layer == null || o.layer.equals(LayerSelection.AUTO))) {
            // --layer auto on a model without a feature map (an MLP) is the user's choice to fix, found before the run
            parse("--layer", () -> LayerSelection.auto(runFirstRows(), model.inputNames()));
            return;
        }
        if (o.layer == null || o.layer.equals(LayerSelection.AUTO)) return;
        if (!runFirstRows().contains(o.layer)) {
            throw new Main.UsageError("--layer: no tensor named '" + o.layer + "' in the model; xai layers lists them");
        }
    }

    /**
     * What the Shapley-family methods compare each row against, for E[f]: the --background rows (E[f] is
     * their mean output) when given, else --baseline broadcast to the input's shape (one reference per row).
     */
    Reference reference() throws IOException {
        if (o.background != null) return new Reference(array("--background", o.background), true);
        return new Reference(Tensor.of(baseline().resolve(inputs.shape()), inputs.shape()), false);
    }

    /** Reference rows: background rows to average over, or one baseline row per input row. */
    record Reference(Tensor rows, boolean background) {}

    /** --baseline, for every method that takes it: zeros, a number, or an array broadcast to the input. */
    private Baseline baseline() throws IOException {
        if (o.baseline == null || o.baseline.equals("zeros")) return Baseline.ZERO;
        Float v = number(o.baseline);
        if (v != null) return Baseline.scalar(v);
        return Baseline.of(array("--baseline", Path.of(o.baseline)));
    }

    private FeatureMask mask() throws IOException {
        if (o.featureMask == null) return null;
        CliFiles.requireFile(o.featureMask);
        HostArray a = Npy.read(o.featureMask);
        ExplainOptionChecks.checkMaskShape(o.featureMask, a.shape(), inputs);
        return parse("--feature-mask", () -> FeatureMask.of(ExplainOptionChecks.maskLabels(a, o.featureMask), a.shape()));
    }

    /** An array option's file, read by its extension's reader as float32 and checked finite (unless --allow-nonfinite). */
    private Tensor array(String option, Path file) throws IOException {
        if (!InputFiles.isImage(file)) CliFiles.requireFile(file);
        HostArray a = readers.read(file).array();
        float[] values = a.toFloatArray();
        NonFinite.requireFinite(option + " " + file, values, a.shape(), a, allowNonFinite);
        ExplainOptionChecks.checkReferenceShape(inputs, option, file, a.shape());
        return Tensor.of(values, a.shape());
    }

    /** A number given as --baseline, or null when the text is a file name; a non-finite number is refused unless allowed. */
    private Float number(String s) {
        Float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            return null;
        }
        NonFinite.requireFinite("--baseline", v, allowNonFinite);
        return v;
    }

    /** An IllegalArgumentException from parsing an option value becomes a usage error naming the option. */
    private static <T> T parse(String option, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "invalid value" : e.getMessage();
            throw new Main.UsageError(m.contains(option) ? m : option + ": " + m);
        }
    }
}
