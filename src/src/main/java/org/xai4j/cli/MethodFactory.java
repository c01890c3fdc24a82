package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.gradient.Cam;
import org.xai4j.explain.gradient.Deconvolution;
import org.xai4j.explain.gradient.DeepLift;
import org.xai4j.explain.gradient.GradCamPlusPlus;
import org.xai4j.explain.gradient.GradientShap;
import org.xai4j.explain.gradient.GuidedBackprop;
import org.xai4j.explain.gradient.GuidedGradCam;
import org.xai4j.explain.gradient.InputXGradient;
import org.xai4j.explain.gradient.Integration;
import org.xai4j.explain.gradient.IntegratedGradients;
import org.xai4j.explain.gradient.LayerGradCam;
import org.xai4j.explain.gradient.LayerSelection;
import org.xai4j.explain.gradient.NoiseTunnel;
import org.xai4j.explain.gradient.NoiseType;
import org.xai4j.explain.gradient.Saliency;
import org.xai4j.explain.gradient.Upsampling;
import org.xai4j.explain.lime.Lime;
import org.xai4j.explain.lime.LimeOptions;
import org.xai4j.explain.perturbation.Baseline;
import org.xai4j.explain.perturbation.FeatureAblation;
import org.xai4j.explain.perturbation.FeatureAblationOptions;
import org.xai4j.explain.perturbation.FeatureMask;
import org.xai4j.explain.perturbation.FeaturePermutation;
import org.xai4j.explain.perturbation.FeaturePermutationOptions;
import org.xai4j.explain.perturbation.Occlusion;
import org.xai4j.explain.perturbation.OcclusionOptions;
import org.xai4j.explain.shapley.KernelShap;
import org.xai4j.explain.shapley.KernelShapOptions;
import org.xai4j.explain.shapley.LinearShap;
import org.xai4j.explain.shapley.LinearShapOptions;
import org.xai4j.explain.shapley.ShapleyValueSampling;
import org.xai4j.explain.shapley.ShapleyValueSamplingOptions;
import org.xai4j.explain.shapley.ShapleyValues;
import org.xai4j.explain.shapley.ShapleyValuesOptions;

/**
 * Builds the attribution method a command line names, with Captum's defaults for what it leaves out,
 * and refuses options the method does not take (a usage error naming them).
 */
final class MethodFactory {
    static final int DEFAULT_BATCH = 64;

    /**
     * Options every method accepts, as issues 4 and 5 list them beside --target, --batch-size and --repeat:
     * --seed, so that one script can pass the same seed to every method; the deterministic methods
     * ignore it (they draw no random numbers).
     */
    static final Set<String> COMMON = Set.of("--seed");

    /** Method name → the method-specific options it takes (--batch-size is common to all). */
    static final Map<String, Set<String>> OPTIONS = new LinkedHashMap<>();

    static final List<String> NOISE_TUNNELS = List.of("smoothgrad", "smoothgrad-sq", "vargrad");

    static {
        OPTIONS.put("saliency", Set.of("--no-abs"));
        OPTIONS.put("input-x-gradient", Set.of());
        OPTIONS.put("integrated-gradients", Set.of("--steps", "--integration", "--baseline", "--delta-out"));
        // the noise tunnels also take their --base-method's own options (see allowedFor)
        for (String nt : NOISE_TUNNELS) OPTIONS.put(nt, Set.of("--base-method", "--samples", "--stdev", "--seed"));
        OPTIONS.put("guided-backprop", Set.of());
        OPTIONS.put("deconvolution", Set.of());
        OPTIONS.put("deeplift", Set.of("--baseline"));
        OPTIONS.put("gradient-shap", Set.of("--baselines", "--samples", "--stdev", "--seed"));
        OPTIONS.put("cam", Set.of("--layer", "--relu", "--upsample"));
        OPTIONS.put("grad-cam", Set.of("--layer", "--relu", "--upsample"));
        OPTIONS.put("grad-cam-plus-plus", Set.of("--layer", "--relu", "--upsample"));
        OPTIONS.put("guided-grad-cam", Set.of("--layer"));
        OPTIONS.put("occlusion", Set.of("--window", "--stride", "--baseline"));
        OPTIONS.put("feature-ablation", Set.of("--baseline", "--feature-mask"));
        OPTIONS.put("feature-permutation", Set.of("--feature-mask", "--seed"));
        OPTIONS.put("shapley-exact", Set.of("--baseline", "--feature-mask"));
        OPTIONS.put("shapley-sampling", Set.of("--baseline", "--feature-mask", "--samples", "--seed"));
        OPTIONS.put("kernel-shap", Set.of("--baseline", "--background", "--feature-mask", "--samples", "--seed"));
        OPTIONS.put("lime", Set.of("--baseline", "--background", "--feature-mask", "--samples", "--seed"));
        OPTIONS.put("linear-shap", Set.of("--background"));
    }

    /** Methods whose attributions add up to f(x) - E[f] (the efficiency axiom): --plot draws them as waterfalls. */
    static final Set<String> SHAPLEY_FAMILY = Set.of("shapley-exact", "shapley-sampling", "kernel-shap", "linear-shap");

    /** Methods a noise tunnel may wrap: the gradient methods whose output is shaped like the input. */
    static final List<String> NOISE_BASES = List.of("saliency", "input-x-gradient", "integrated-gradients", "guided-backprop",
            "deconvolution", "deeplift");

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

    /** The method, checked against the options given. */
    AttributionMethod create() throws IOException {
        if (!OPTIONS.containsKey(o.method)) {
            throw new Main.UsageError("--method: unknown method '" + o.method + "'; known: " + String.join(", ", OPTIONS.keySet()));
        }
        Set<String> allowed = allowedFor(o.method);
        List<String> refused = new ArrayList<>();
        for (String given : given()) if (!allowed.contains(given) && !COMMON.contains(given)) refused.add(given);
        if (!refused.isEmpty()) {
            throw new Main.UsageError(o.method + " does not take " + String.join(", ", refused)
                    + (allowed.isEmpty() ? "" : "; it takes " + String.join(", ", allowed.stream().sorted().toList())));
        }
        ExplainOptionChecks.checkValues(o, inputs);
        try {
            return build(o.method);
        } catch (IllegalArgumentException e) {
            // a method's options refusing a value (Riemann with one step, a mask that does not fit) are the user's to fix
            throw new Main.UsageError(e.getMessage());
        }
    }


    /** The options {@code method} takes: its own, and for a noise tunnel those of its base method too (not --delta-out). */
    private Set<String> allowedFor(String method) {
        if (!NOISE_TUNNELS.contains(method)) return OPTIONS.get(method);
        String base = baseMethod();
        Set<String> all = new java.util.TreeSet<>(OPTIONS.get(method));
        all.addAll(OPTIONS.get(base));
        all.remove("--delta-out");
        return all;
    }

    /** --base-method of a noise tunnel (default saliency), checked. */
    /** The methods whose forward and backward passes run on the GPU with --device cuda (GradientSupport). */
    static final List<String> DEVICE_METHODS = List.of("saliency", "input-x-gradient", "integrated-gradients",
            "guided-backprop", "deconvolution", "gradient-shap");

    /** Whether --method (for a noise tunnel: its --base-method) runs its passes on a device. */
    boolean runsOnDevice() {
        String m = o.method;
        if (m.equals("smoothgrad") || m.equals("smoothgrad-sq") || m.equals("vargrad")) m = baseMethod();
        return DEVICE_METHODS.contains(m);
    }

    private String baseMethod() {
        String base = o.baseMethod == null ? "saliency" : o.baseMethod;
        if (!NOISE_BASES.contains(base)) {
            throw new Main.UsageError("--base-method must be a gradient method (" + String.join(", ", NOISE_BASES) + "), got '" + base + "'");
        }
        return base;
    }

    private List<String> given() {
        List<String> g = new ArrayList<>();
        if (o.noAbs != null) g.add("--no-abs");
        if (o.steps != null) g.add("--steps");
        if (o.integration != null) g.add("--integration");
        if (o.baseline != null) g.add("--baseline");
        if (o.baselines != null) g.add("--baselines");
        if (o.background != null) g.add("--background");
        if (o.baseMethod != null) g.add("--base-method");
        if (o.samples != null) g.add("--samples");
        if (o.stdev != null) g.add("--stdev");
        if (o.seed != null) g.add("--seed");
        if (o.layer != null) g.add("--layer");
        if (o.relu != null) g.add("--relu");
        if (o.upsample != null) g.add("--upsample");
        if (o.window != null) g.add("--window");
        if (o.stride != null) g.add("--stride");
        if (o.featureMask != null) g.add("--feature-mask");
        if (o.deltaOut != null) g.add("--delta-out");
        return g;
    }

    private AttributionMethod build(String method) throws IOException {
        long seed = o.seed == null ? 0L : o.seed;
        switch (method) {
            case "saliency":
                return new Saliency(new Saliency.Options(o.noAbs == null || !o.noAbs, batch));
            case "input-x-gradient":
                return new InputXGradient(new InputXGradient.Options(batch));
            case "integrated-gradients":
                return new IntegratedGradients(new IntegratedGradients.Options(o.steps == null ? 50 : o.steps,
                        o.integration == null ? Integration.GAUSS_LEGENDRE : parse("--integration", () -> Integration.parse(o.integration)),
                        baselineTensor(), batch));
            case "smoothgrad":
            case "smoothgrad-sq":
            case "vargrad": {
                AttributionMethod inner = build(baseMethod());
                NoiseTunnel.Options d = NoiseTunnel.Options.defaults();
                return new NoiseTunnel(inner, new NoiseTunnel.Options(NoiseType.parse(method),
                        o.samples == null ? d.samples() : o.samples, o.stdev == null ? d.stdev() : o.stdev, seed, batch));
            }
            case "guided-backprop":
                return new GuidedBackprop(new GuidedBackprop.Options(batch));
            case "deconvolution":
                return new Deconvolution(new Deconvolution.Options(batch));
            case "deeplift":
                return new DeepLift(new DeepLift.Options(baselineTensor(), batch));
            case "gradient-shap": {
                GradientShap.Options d = GradientShap.Options.defaults();
                return new GradientShap(new GradientShap.Options(o.baselines == null ? null : array("--baselines", o.baselines),
                        o.samples == null ? d.samples() : o.samples, o.stdev == null ? d.stdev() : o.stdev, seed, batch));
            }
            case "grad-cam":
                return new LayerGradCam(camOptions());
            case "grad-cam-plus-plus":
                return new GradCamPlusPlus(camOptions());
            case "guided-grad-cam":
                return new GuidedGradCam(new GuidedGradCam.Options(o.layer == null ? LayerSelection.AUTO : o.layer, batch));
            case "cam": {
                String layer = resolvedLayer();
                return new Cam(new Cam.Options(layer, parse("--layer", () -> Cam.classifierWeights(model.proto(), layer)),
                        o.relu != null && o.relu, upsampling(), batch));
            }
            case "occlusion":
                if (o.window == null) throw new Main.UsageError("occlusion needs --window (one size per non-batch axis, e.g. 3,8,8)");
                return new Occlusion(new OcclusionOptions(o.window, o.stride, baseline(), batch));
            case "feature-ablation":
                return new FeatureAblation(new FeatureAblationOptions(baseline(), mask(), batch));
            case "feature-permutation":
                return new FeaturePermutation(new FeaturePermutationOptions(mask(), seed, batch));
            case "shapley-exact":
                return new ShapleyValues(new ShapleyValuesOptions(baseline(), mask(), batch));
            case "shapley-sampling":
                return new ShapleyValueSampling(new ShapleyValueSamplingOptions(baseline(), mask(),
                        o.samples == null ? ShapleyValueSamplingOptions.DEFAULT_SAMPLES : o.samples, seed, batch));
            case "kernel-shap":
                return new KernelShap(new KernelShapOptions(o.baseline == null ? null : baseline(),
                        o.background == null ? null : array("--background", o.background), mask(), o.samples == null ? 0 : o.samples, seed, batch));
            case "lime":
                return new Lime(new LimeOptions(o.baseline == null ? null : baseline(),
                        o.background == null ? null : array("--background", o.background), mask(),
                        o.samples == null ? LimeOptions.DEFAULT_SAMPLES : o.samples, seed, batch));
            case "linear-shap":
                if (o.background == null) throw new Main.UsageError("linear-shap needs --background rows (their mean is the reference)");
                return new LinearShap(new LinearShapOptions(array("--background", o.background), batch));
            default:
                throw new Main.UsageError("--method: unknown method '" + method + "'; known: " + String.join(", ", OPTIONS.keySet()));
        }
    }

    private LayerGradCam.Options camOptions() {
        return new LayerGradCam.Options(o.layer == null ? LayerSelection.AUTO : o.layer, o.relu != null && o.relu, upsampling(), batch);
    }

    private Upsampling upsampling() {
        return o.upsample == null ? Upsampling.NONE : parse("--upsample", () -> Upsampling.parse(o.upsample));
    }

    /** --layer, or the automatic choice, checked against the model's named tensors. */
    private String resolvedLayer() {
        var acts = runOneRow();
        String layer = o.layer == null || o.layer.equals(LayerSelection.AUTO)
                ? parse("--layer", () -> LayerSelection.auto(acts, model.inputNames())) : o.layer;
        if (!acts.contains(layer)) {
            throw new Main.UsageError("--layer: no tensor named '" + layer + "' in the model; xai layers lists them");
        }
        return layer;
    }

    private org.xai4j.engine.nn.Activations runOneRow() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor first = org.xai4j.engine.ops.Ops.slice(inputs, 0, 0, 1, 1);
            return model.run(List.of(first), RunOptions.INFERENCE);
        }
    }

    /**
     * The layer that --layer auto (or no --layer) picks for a CAM method, as the method will pick it
     * ({@link LayerSelection#auto} on one row), with its shape; null for other methods or a named layer.
     */
    String autoLayer() {
        if (!Set.of("cam", "grad-cam", "grad-cam-plus-plus", "guided-grad-cam").contains(o.method)) return null;
        if (o.layer != null && !o.layer.equals(LayerSelection.AUTO)) return null;
        var acts = runOneRow();
        String layer = parse("--layer", () -> LayerSelection.auto(acts, model.inputNames()));
        int[] shape = acts.get(layer).shape().clone();
        shape[0] = inputs.shape()[0];
        return layer + " " + CommonOptions.shapeText(shape);
    }

    /** The layer names a gradient layer method may use, for checking --layer before the run. */
    void checkLayer() {
        boolean layerMethod = OPTIONS.get(o.method).contains("--layer");
        if (layerMethod && (o.layer == null || o.layer.equals(LayerSelection.AUTO))) {
            // --layer auto on a model without a feature map (an MLP) is the user's choice to fix, found before the run
            parse("--layer", () -> LayerSelection.auto(runOneRow(), model.inputNames()));
            return;
        }
        if (o.layer == null || o.layer.equals(LayerSelection.AUTO)) return;
        if (!runOneRow().contains(o.layer)) {
            throw new Main.UsageError("--layer: no tensor named '" + o.layer + "' in the model; xai layers lists them");
        }
    }

    /** --baseline as a tensor for the gradient methods: null for zeros. */
    private Tensor baselineTensor() throws IOException {
        if (o.baseline == null || o.baseline.equals("zeros")) return null;
        Float v = number(o.baseline);
        if (v != null) return Tensor.full(v, inputs.shape());
        return array("--baseline", Path.of(o.baseline));
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

    /** --baseline for the perturbation methods: zeros, a scalar, or an array. */
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
        ExplainOptionChecks.checkReferenceShape(o, inputs, option, file, a.shape());
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
