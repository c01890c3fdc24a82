package org.xai4j.explain.registry;

import static org.xai4j.explain.registry.MethodFamily.CAM;
import static org.xai4j.explain.registry.MethodFamily.GRADIENT;
import static org.xai4j.explain.registry.MethodFamily.NOISE_TUNNEL;
import static org.xai4j.explain.registry.MethodFamily.PERTURBATION;
import static org.xai4j.explain.registry.MethodFamily.SHAPLEY;
import static org.xai4j.explain.registry.MethodOptions.ATTRIBUTE_TO_LAYER_INPUT;
import static org.xai4j.explain.registry.MethodOptions.BACKGROUND;
import static org.xai4j.explain.registry.MethodOptions.BASELINE;
import static org.xai4j.explain.registry.MethodOptions.BASELINES;
import static org.xai4j.explain.registry.MethodOptions.BASE_METHOD;
import static org.xai4j.explain.registry.MethodOptions.FEATURE_MASK;
import static org.xai4j.explain.registry.MethodOptions.INTEGRATION;
import static org.xai4j.explain.registry.MethodOptions.NO_ABS;
import static org.xai4j.explain.registry.MethodOptions.RELU;
import static org.xai4j.explain.registry.MethodOptions.SAMPLES;
import static org.xai4j.explain.registry.MethodOptions.SEED;
import static org.xai4j.explain.registry.MethodOptions.STDEV;
import static org.xai4j.explain.registry.MethodOptions.STEPS;
import static org.xai4j.explain.registry.MethodOptions.STRIDE;
import static org.xai4j.explain.registry.MethodOptions.UPSAMPLE;
import static org.xai4j.explain.registry.MethodOptions.WINDOW;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.gradient.Cam;
import org.xai4j.explain.gradient.Deconvolution;
import org.xai4j.explain.gradient.DeepLift;
import org.xai4j.explain.gradient.DeepLiftShap;
import org.xai4j.explain.gradient.Lrp;
import org.xai4j.explain.gradient.GradCamPlusPlus;
import org.xai4j.explain.gradient.GradientShap;
import org.xai4j.explain.gradient.GuidedBackprop;
import org.xai4j.explain.gradient.GuidedGradCam;
import org.xai4j.explain.gradient.InputXGradient;
import org.xai4j.explain.gradient.InternalInfluence;
import org.xai4j.explain.gradient.LayerActivation;
import org.xai4j.explain.gradient.LayerAttributionOptions;
import org.xai4j.explain.gradient.LayerConductance;
import org.xai4j.explain.gradient.LayerDeepLift;
import org.xai4j.explain.gradient.LayerFeatureAblation;
import org.xai4j.explain.gradient.LayerGradientShap;
import org.xai4j.explain.gradient.LayerGradientXActivation;
import org.xai4j.explain.gradient.LayerIntegratedGradients;
import org.xai4j.explain.gradient.IntegratedGradients;
import org.xai4j.explain.gradient.Integration;
import org.xai4j.explain.gradient.LayerGradCam;
import org.xai4j.explain.gradient.LayerSelection;
import org.xai4j.explain.gradient.NeuronAttributionOptions;
import org.xai4j.explain.gradient.NeuronConductance;
import org.xai4j.explain.gradient.NeuronDeepLift;
import org.xai4j.explain.gradient.NeuronFeatureAblation;
import org.xai4j.explain.gradient.NeuronGradient;
import org.xai4j.explain.gradient.NeuronGradientShap;
import org.xai4j.explain.gradient.NeuronIntegratedGradients;
import org.xai4j.explain.gradient.NoiseTunnel;
import org.xai4j.explain.gradient.NoiseType;
import org.xai4j.explain.gradient.Saliency;
import org.xai4j.explain.lime.Lime;
import org.xai4j.explain.lime.LimeOptions;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.FeatureAblation;
import org.xai4j.explain.perturbation.FeatureAblationOptions;
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
 * The registrations: each method's name, family, options with the defaults of its {@code Options.defaults()},
 * extras and factory, in the order the help and the README list them. Captum's defaults throughout.
 */
final class MethodCatalogue {
    private MethodCatalogue() {}

    static final String DEFAULT_NOISE_BASE = "saliency";

    /** Methods a noise tunnel may wrap: the gradient methods whose output is shaped like the input. */
    static final List<String> NOISE_BASES = List.of("saliency", "input-x-gradient", "integrated-gradients", "guided-backprop",
            "deconvolution", "deeplift");

    /** Other names a method answers to: Captum's class name where xai4j's older name stays (alias → name). */
    static final java.util.Map<String, String> ALIASES = java.util.Map.of("layer-grad-cam", "grad-cam");

    private static final Set<MethodExtra> NONE = Set.of();
    private static final Set<MethodExtra> DELTA = Set.of(MethodExtra.CONVERGENCE_DELTA);
    private static final Set<MethodExtra> MAP = Set.of(MethodExtra.LAYER_MAP);

    static List<MethodSpec> all() {
        List<MethodSpec> l = new ArrayList<>();
        l.add(new MethodSpec("saliency", GRADIENT, List.of(Param.of(NO_ABS, !Saliency.Options.defaults().abs())), NONE,
                a -> new Saliency(new Saliency.Options(!a.get(NO_ABS), a.batchSize()))));
        l.add(new MethodSpec("input-x-gradient", GRADIENT, List.of(), NONE,
                a -> new InputXGradient(new InputXGradient.Options(a.batchSize()))));
        IntegratedGradients.Options ig = IntegratedGradients.Options.defaults();
        l.add(new MethodSpec("integrated-gradients", GRADIENT,
                List.of(Param.of(STEPS, ig.steps()), Param.of(INTEGRATION, ig.integration()), Param.of(BASELINE, ig.baseline())),
                DELTA, a -> new IntegratedGradients(new IntegratedGradients.Options(a.get(STEPS), a.get(INTEGRATION),
                        a.get(BASELINE), a.batchSize()))));
        NoiseTunnel.Options nt = NoiseTunnel.Options.defaults();
        for (String tunnel : List.of("smoothgrad", "smoothgrad-sq", "vargrad")) {
            l.add(new MethodSpec(tunnel, NOISE_TUNNEL, List.of(Param.of(BASE_METHOD, DEFAULT_NOISE_BASE),
                    Param.of(SAMPLES, nt.samples()), Param.of(STDEV, nt.stdev()), Param.of(SEED, nt.seed())), NONE, a -> {
                        MethodSpec base = MethodRegistry.noiseBase(a.get(BASE_METHOD));
                        return new NoiseTunnel(base.factory().create(a.forMethod(base)),
                                new NoiseTunnel.Options(NoiseType.parse(tunnel), a.get(SAMPLES), a.get(STDEV), a.seed(), a.batchSize()));
                    }));
        }
        l.add(new MethodSpec("guided-backprop", GRADIENT, List.of(), NONE,
                a -> new GuidedBackprop(new GuidedBackprop.Options(a.batchSize()))));
        l.add(new MethodSpec("deconvolution", GRADIENT, List.of(), NONE,
                a -> new Deconvolution(new Deconvolution.Options(a.batchSize()))));
        l.add(new MethodSpec("deeplift", GRADIENT, List.of(Param.of(BASELINE, DeepLift.Options.defaults().baseline())), DELTA,
                a -> new DeepLift(new DeepLift.Options(a.get(BASELINE), a.batchSize()))));
        l.add(new MethodSpec("deeplift-shap", GRADIENT, List.of(Param.of(BASELINES, null)), DELTA,
                a -> new DeepLiftShap(new DeepLiftShap.Options(a.get(BASELINES), a.batchSize()))));
        Lrp.Options lrp = Lrp.Options.defaults();
        l.add(new MethodSpec("lrp", GRADIENT, List.of(Param.of(MethodOptions.LRP_RULE, lrp.rules()), Param.of(MethodOptions.EPSILON, lrp.epsilon()),
                Param.of(MethodOptions.GAMMA, lrp.gamma()), Param.of(MethodOptions.SET_BIAS_TO_ZERO, lrp.setBiasToZero())), NONE,
                a -> new Lrp(new Lrp.Options(a.get(MethodOptions.LRP_RULE), a.get(MethodOptions.EPSILON), a.get(MethodOptions.GAMMA),
                        a.get(MethodOptions.SET_BIAS_TO_ZERO), a.batchSize()))));
        GradientShap.Options gs = GradientShap.Options.defaults();
        l.add(new MethodSpec("gradient-shap", GRADIENT, List.of(Param.of(BASELINES, null), Param.of(SAMPLES, gs.samples()),
                Param.of(STDEV, gs.stdev()), Param.of(SEED, gs.seed())), NONE,
                a -> new GradientShap(new GradientShap.Options(a.get(BASELINES), a.get(SAMPLES), a.get(STDEV), a.seed(), a.batchSize()))));
        LayerGradCam.Options gc = LayerGradCam.Options.defaults();
        List<Param<?>> camParams = List.of(Param.of(MethodOptions.LAYER, gc.layer()), Param.of(RELU, gc.relu()), Param.of(UPSAMPLE, gc.upsample()));
        l.add(new MethodSpec("cam", CAM, camParams, MAP, MethodCatalogue::cam));
        l.add(new MethodSpec("grad-cam", CAM, camParams, MAP, a -> new LayerGradCam(camOptions(a))));
        l.add(new MethodSpec("grad-cam-plus-plus", CAM, camParams, MAP, a -> new GradCamPlusPlus(camOptions(a))));
        l.add(new MethodSpec("guided-grad-cam", CAM, List.of(Param.of(MethodOptions.LAYER, GuidedGradCam.Options.defaults().layer())), NONE,
                a -> new GuidedGradCam(new GuidedGradCam.Options(a.get(MethodOptions.LAYER), a.batchSize()))));
        l.add(new MethodSpec("occlusion", PERTURBATION, List.of(Param.required(WINDOW, "(one size per non-batch axis, e.g. 3,8,8)"),
                Param.of(STRIDE, null), Param.of(BASELINE, Baseline.ZERO)), NONE,
                a -> new Occlusion(new OcclusionOptions(a.get(WINDOW), a.get(STRIDE), a.get(BASELINE), a.batchSize()))));
        l.add(new MethodSpec("feature-ablation", PERTURBATION, List.of(Param.of(BASELINE, Baseline.ZERO), Param.of(FEATURE_MASK, null)), NONE,
                a -> new FeatureAblation(new FeatureAblationOptions(a.get(BASELINE), a.get(FEATURE_MASK), a.batchSize()))));
        l.add(new MethodSpec("feature-permutation", PERTURBATION, List.of(Param.of(FEATURE_MASK, null), Param.of(SEED, 0L)), NONE,
                a -> new FeaturePermutation(new FeaturePermutationOptions(a.get(FEATURE_MASK), a.seed(), a.batchSize()))));
        l.add(new MethodSpec("shapley-exact", SHAPLEY, List.of(Param.of(BASELINE, Baseline.ZERO), Param.of(FEATURE_MASK, null)), NONE,
                a -> new ShapleyValues(new ShapleyValuesOptions(a.get(BASELINE), a.get(FEATURE_MASK), a.batchSize()))));
        l.add(new MethodSpec("shapley-sampling", SHAPLEY, List.of(Param.of(BASELINE, Baseline.ZERO), Param.of(FEATURE_MASK, null),
                Param.of(SAMPLES, ShapleyValueSamplingOptions.DEFAULT_SAMPLES), Param.of(SEED, 0L)), NONE,
                a -> new ShapleyValueSampling(new ShapleyValueSamplingOptions(a.get(BASELINE), a.get(FEATURE_MASK), a.get(SAMPLES),
                        a.seed(), a.batchSize()))));
        KernelShapOptions ks = new KernelShapOptions();
        l.add(new MethodSpec("kernel-shap", SHAPLEY, List.of(Param.of(BASELINE, ks.baseline()), Param.of(BACKGROUND, ks.background()),
                Param.of(FEATURE_MASK, ks.featureMask()), Param.of(SAMPLES, ks.samples()), Param.of(SEED, ks.seed())), NONE,
                a -> new KernelShap(new KernelShapOptions(a.get(BASELINE), a.get(BACKGROUND), a.get(FEATURE_MASK), a.get(SAMPLES),
                        a.seed(), a.batchSize()))));
        l.add(new MethodSpec("lime", PERTURBATION, List.of(Param.of(BASELINE, null), Param.of(BACKGROUND, null), Param.of(FEATURE_MASK, null),
                Param.of(SAMPLES, LimeOptions.DEFAULT_SAMPLES), Param.of(SEED, 0L)), NONE,
                a -> new Lime(new LimeOptions(a.get(BASELINE), a.get(BACKGROUND), a.get(FEATURE_MASK), a.get(SAMPLES), a.seed(), a.batchSize()))));
        l.add(new MethodSpec("linear-shap", SHAPLEY, List.of(Param.required(BACKGROUND, "rows (their mean is the reference)")), NONE,
                a -> new LinearShap(new LinearShapOptions(a.get(BACKGROUND), a.batchSize()))));
        layerMethods(l);
        neuronMethods(l);
        return l;
    }

    /** Captum's layer attributions: --layer NAME|auto, --attribute-to-layer-input, and the path methods' steps and baseline. */
    private static void layerMethods(List<MethodSpec> l) {
        LayerAttributionOptions d = LayerAttributionOptions.defaults();
        List<Param<?>> where = List.of(Param.of(MethodOptions.LAYER, d.layer()), Param.of(ATTRIBUTE_TO_LAYER_INPUT, d.toLayerInput()));
        List<Param<?>> path = concat(where, List.of(Param.of(STEPS, d.steps()), Param.of(INTEGRATION, d.integration()),
                Param.of(BASELINE, d.baseline())));
        List<Param<?>> reference = concat(where, List.of(Param.of(BASELINE, d.baseline())));
        Set<MethodExtra> mapAndDelta = Set.of(MethodExtra.LAYER_MAP, MethodExtra.CONVERGENCE_DELTA);
        l.add(new MethodSpec("layer-activation", MethodFamily.LAYER, where, MAP, a -> new LayerActivation(layerOptions(a))));
        l.add(new MethodSpec("layer-gradient-x-activation", MethodFamily.LAYER, where, MAP, a -> new LayerGradientXActivation(layerOptions(a))));
        l.add(new MethodSpec("layer-integrated-gradients", MethodFamily.LAYER, path, mapAndDelta, a -> new LayerIntegratedGradients(layerOptions(a))));
        l.add(new MethodSpec("layer-conductance", MethodFamily.LAYER, path, mapAndDelta, a -> new LayerConductance(layerOptions(a))));
        l.add(new MethodSpec("internal-influence", MethodFamily.LAYER, path, MAP, a -> new InternalInfluence(layerOptions(a))));
        l.add(new MethodSpec("layer-deeplift", MethodFamily.LAYER, reference, MAP, a -> new LayerDeepLift(layerOptions(a))));
        LayerGradientShap.Options gs = LayerGradientShap.Options.defaults();
        l.add(new MethodSpec("layer-gradient-shap", MethodFamily.LAYER, concat(where, List.of(Param.of(BASELINES, null),
                Param.of(SAMPLES, gs.samples()), Param.of(STDEV, gs.stdev()), Param.of(SEED, gs.seed()))), MAP,
                a -> new LayerGradientShap(new LayerGradientShap.Options(a.get(MethodOptions.LAYER), a.get(ATTRIBUTE_TO_LAYER_INPUT),
                        a.get(BASELINES), a.get(SAMPLES), a.get(STDEV), a.seed(), a.batchSize()))));
        l.add(new MethodSpec("layer-feature-ablation", MethodFamily.LAYER, where, MAP, a -> new LayerFeatureAblation(layerOptions(a))));
    }

    /** Captum's neuron attributions: one unit (--neuron-layer, --neuron-index) explained in place of the output. */
    private static void neuronMethods(List<MethodSpec> l) {
        NeuronAttributionOptions d = NeuronAttributionOptions.of("layer", 0);
        List<Param<?>> unit = List.of(Param.required(MethodOptions.NEURON_LAYER, "NAME (a tensor of xai layers)"),
                Param.required(MethodOptions.NEURON_INDEX, "I,J,.. (one index per non-batch axis of the layer)"));
        List<Param<?>> path = concat(unit, List.of(Param.of(STEPS, d.steps()), Param.of(INTEGRATION, d.integration()),
                Param.of(BASELINE, d.baseline())));
        l.add(new MethodSpec("neuron-gradient", MethodFamily.NEURON, unit, NONE, a -> new NeuronGradient(neuronOptions(a))));
        l.add(new MethodSpec("neuron-integrated-gradients", MethodFamily.NEURON, path, NONE,
                a -> new NeuronIntegratedGradients(neuronOptions(a))));
        // Captum's NeuronConductance integrates with riemann_trapezoid by default, unlike its LayerConductance
        List<Param<?>> trapezoid = concat(unit, List.of(Param.of(STEPS, d.steps()), Param.of(INTEGRATION, Integration.RIEMANN_TRAPEZOID),
                Param.of(BASELINE, d.baseline())));
        l.add(new MethodSpec("neuron-conductance", MethodFamily.NEURON, trapezoid, NONE, a -> new NeuronConductance(neuronOptions(a))));
        l.add(new MethodSpec("neuron-deeplift", MethodFamily.NEURON, concat(unit, List.of(Param.of(BASELINE, d.baseline()))), NONE,
                a -> new NeuronDeepLift(neuronOptions(a))));
        GradientShap.Options gs = GradientShap.Options.defaults();
        l.add(new MethodSpec("neuron-gradient-shap", MethodFamily.NEURON, concat(unit, List.of(Param.of(BASELINES, null),
                Param.of(SAMPLES, gs.samples()), Param.of(STDEV, gs.stdev()), Param.of(SEED, gs.seed()))), NONE,
                a -> new NeuronGradientShap(new NeuronGradientShap.Options(neuronOptions(a), a.get(BASELINES), a.get(SAMPLES),
                        a.get(STDEV), a.seed()))));
        l.add(new MethodSpec("neuron-guided-backprop", MethodFamily.NEURON, unit, NONE, a -> NeuronGradient.guidedBackprop(neuronOptions(a))));
        l.add(new MethodSpec("neuron-deconvolution", MethodFamily.NEURON, unit, NONE, a -> NeuronGradient.deconvolution(neuronOptions(a))));
        l.add(new MethodSpec("neuron-feature-ablation", MethodFamily.NEURON, unit, NONE, a -> new NeuronFeatureAblation(neuronOptions(a))));
    }

    private static NeuronAttributionOptions neuronOptions(MethodArguments a) {
        NeuronAttributionOptions d = NeuronAttributionOptions.of("layer", 0);
        return new NeuronAttributionOptions(a.get(MethodOptions.NEURON_LAYER), a.get(MethodOptions.NEURON_INDEX),
                a.getIfTaken(STEPS, d.steps()), a.getIfTaken(INTEGRATION, d.integration()), a.getIfTaken(BASELINE, d.baseline()),
                a.batchSize());
    }

    private static LayerAttributionOptions layerOptions(MethodArguments a) {
        LayerAttributionOptions d = LayerAttributionOptions.defaults();
        return new LayerAttributionOptions(a.get(MethodOptions.LAYER), a.get(ATTRIBUTE_TO_LAYER_INPUT), a.getIfTaken(STEPS, d.steps()),
                a.getIfTaken(INTEGRATION, d.integration()), a.getIfTaken(BASELINE, d.baseline()), a.batchSize());
    }

    private static List<Param<?>> concat(List<Param<?>> a, List<Param<?>> b) {
        List<Param<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static LayerGradCam.Options camOptions(MethodArguments a) {
        return new LayerGradCam.Options(a.get(MethodOptions.LAYER), a.get(RELU), a.get(UPSAMPLE), a.batchSize());
    }

    /** CAM reads the classifier's weights from the ONNX graph after the chosen layer (Zhou et al. 2016). */
    private static Cam cam(MethodArguments a) {
        String layer;
        Tensor weights;
        try {
            layer = LayerSelection.resolve(a.get(MethodOptions.LAYER), a.model(), a.inputs());
            if (!(a.model() instanceof OnnxGraphModel onnx)) {
                throw new IllegalArgumentException("cam reads the classifier weights from an ONNX graph; this model is not one, use grad-cam");
            }
            weights = Cam.classifierWeights(onnx.proto(), layer);
        } catch (IllegalArgumentException e) {
            throw new OptionValueException(MethodOptions.LAYER.flag(), e.getMessage());
        }
        return new Cam(new Cam.Options(layer, weights, a.get(RELU), a.get(UPSAMPLE), a.batchSize()));
    }
}
