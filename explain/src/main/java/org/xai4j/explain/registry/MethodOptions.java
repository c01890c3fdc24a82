package org.xai4j.explain.registry;

import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.gradient.Integration;
import org.xai4j.explain.gradient.LrpLayerRules;
import org.xai4j.explain.gradient.Upsampling;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.FeatureMask;

/**
 * Every option of every attribution method, once. A method lists those it takes in its
 * {@link MethodSpec}; the CLI's {@code xai explain} parses each from its flag.
 */
public final class MethodOptions {
    private MethodOptions() {}

    /** Model inputs per forward/backward pass; every method takes it, no result depends on it. */
    public static final MethodOption<Integer> BATCH_SIZE = new MethodOption<>("--batch-size", Integer.class, "64");
    /** Seed of the Philox random numbers; every method accepts it, the deterministic ones ignore it. */
    public static final MethodOption<Long> SEED = new MethodOption<>("--seed", Long.class, "0");

    public static final MethodOption<Boolean> NO_ABS = new MethodOption<>("--no-abs", Boolean.class, "off");
    public static final MethodOption<Integer> STEPS = new MethodOption<>("--steps", Integer.class, "");
    public static final MethodOption<Integration> INTEGRATION = new MethodOption<>("--integration", Integration.class, "");
    /**
     * The reference input of the gradient and the perturbation methods alike: a number, or a tensor broadcast
     * to the input by NumPy's rules ({@link Baseline}'s rules). Null (kernel-shap, lime): none given.
     */
    public static final MethodOption<Baseline> BASELINE = new MethodOption<>("--baseline", Baseline.class, "none");
    /** The Shap methods' baseline distribution: K rows drawn from (gradient-shap) or averaged over (deeplift-shap). */
    public static final MethodOption<Baseline> BASELINES = new MethodOption<>("--baselines", Baseline.class, "one row of zeros");
    public static final MethodOption<Tensor> BACKGROUND = new MethodOption<>("--background", Tensor.class, "none");
    public static final MethodOption<String> BASE_METHOD = new MethodOption<>("--base-method", String.class, "");
    public static final MethodOption<Integer> SAMPLES = new MethodOption<>("--samples", Integer.class, "");
    public static final MethodOption<Float> STDEV = new MethodOption<>("--stdev", Float.class, "");
    public static final MethodOption<String> LAYER = new MethodOption<>("--layer", String.class, "auto");
    /** Attribute to the layer's input instead of its output (Captum's attribute_to_layer_input). */
    public static final MethodOption<Boolean> ATTRIBUTE_TO_LAYER_INPUT = new MethodOption<>("--attribute-to-layer-input", Boolean.class, "off");
    /** The layer whose unit the neuron methods explain (required by them). */
    public static final MethodOption<String> NEURON_LAYER = new MethodOption<>("--neuron-layer", String.class, "");
    /** The unit's index into one row of the neuron layer's value, one per non-batch axis (Captum's neuron_selector). */
    public static final MethodOption<int[]> NEURON_INDEX = new MethodOption<>("--neuron-index", int[].class, "");
    /** The ε of LRP's epsilon rule. */
    public static final MethodOption<Double> EPSILON = new MethodOption<>("--epsilon", Double.class, "");
    /** LRP's rule per layer type (Captum's module.rule per layer: EpsilonRule, GammaRule, Alpha1_Beta0_Rule). */
    public static final MethodOption<LrpLayerRules> LRP_RULE = new MethodOption<>("--lrp-rule", LrpLayerRules.class, "epsilon on every layer");
    /** The γ of LRP's gamma rule. */
    public static final MethodOption<Double> GAMMA = new MethodOption<>("--gamma", Double.class, "");
    /** LRP's set_bias_to_zero for the gamma and z+ rules. */
    public static final MethodOption<Boolean> SET_BIAS_TO_ZERO = new MethodOption<>("--set-bias-to-zero", Boolean.class, "off");
    public static final MethodOption<Boolean> RELU = new MethodOption<>("--relu", Boolean.class, "off");
    public static final MethodOption<Upsampling> UPSAMPLE = new MethodOption<>("--upsample", Upsampling.class, "none");
    public static final MethodOption<int[]> WINDOW = new MethodOption<>("--window", int[].class, "");
    public static final MethodOption<int[]> STRIDE = new MethodOption<>("--stride", int[].class, "1 per axis");
    public static final MethodOption<FeatureMask> FEATURE_MASK = new MethodOption<>("--feature-mask", FeatureMask.class,
            "every element its own feature");
}
