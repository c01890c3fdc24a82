package org.xai4j.cli;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The method options of {@code xai explain}, one field per option, null when not given (the factory
 * fills each method's Captum default and refuses options a method does not take).
 */
final class ExplainOptions {
    @Option(names = "--method", required = true, paramLabel = "METHOD", description = "the attribution method; see xai explain --help")
    String method;

    @Option(names = "--batch-size", paramLabel = "N", description = "model inputs per forward/backward pass (default 64); results do not depend on it")
    Integer batchSize;

    @Option(names = "--no-abs", description = "saliency: the signed gradient instead of its absolute value")
    Boolean noAbs;

    @Option(names = "--steps", paramLabel = "N", description = "integrated-gradients: integration steps (default 50)")
    Integer steps;

    @Option(names = "--integration", paramLabel = "RULE",
            description = "integrated-gradients: gausslegendre (default), riemann-left, riemann-right, riemann-middle, riemann-trapezoid")
    String integration;

    @Option(names = "--baseline", paramLabel = "zeros|VALUE|B.npy",
            description = "the reference input: zeros (default), a number, or an array broadcastable to the input")
    String baseline;

    @Option(names = "--baselines", paramLabel = "B.npy", description = "gradient-shap: rows drawn as baselines (default: one row of zeros)")
    Path baselines;

    @Option(names = "--background", paramLabel = "X.npy", description = "kernel-shap, lime, linear-shap: background rows, averaged over as SHAP's background data (default: none, the --baseline is the reference; linear-shap needs it)")
    Path background;

    @Option(names = "--base-method", paramLabel = "METHOD", description = "smoothgrad/smoothgrad-sq/vargrad: the gradient method under the noise (default saliency)")
    String baseMethod;

    @Option(names = "--samples", paramLabel = "N", description = "noise samples, sampled orderings or coalitions, perturbations (default per method: smoothgrad/vargrad/gradient-shap 5, shapley-sampling 25, lime 1000, kernel-shap SHAP's auto 2M + 2048)")
    Integer samples;

    @Option(names = "--stdev", paramLabel = "S", description = "standard deviation of the added Gaussian noise (default: smoothgrad/vargrad 1.0, gradient-shap 0)")
    Float stdev;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the Philox random numbers (default 0)")
    Long seed;

    @Option(names = "--layer", paramLabel = "NAME|auto", description = "cam, grad-cam...: the activation by its ONNX name (see xai layers), or auto, the last convolutional feature map (default: auto; the choice is printed)")
    String layer;

    @Option(names = "--attribute-to-layer-input", description = "layer methods: attribute to the layer's input instead of its output (Captum's attribute_to_layer_input; default off)")
    Boolean attributeToLayerInput;

    @Option(names = "--neuron-layer", paramLabel = "NAME", description = "neuron methods: the layer whose unit is explained (no default: see xai layers)")
    String neuronLayer;

    @Option(names = "--neuron-index", split = ",", paramLabel = "I,J,..", description = "neuron methods: the unit's index into one row of the layer, one per non-batch axis (no default)")
    int[] neuronIndex;

    @Option(names = "--epsilon", paramLabel = "E", description = "lrp: the epsilon of the epsilon rule, |z| + E in each denominator (default 1e-9, Captum's EpsilonRule)")
    Double epsilon;

    @Option(names = "--lrp-rule", paramLabel = "TYPE=RULE,..",
            description = "lrp: the rule per layer type, TYPE linear|conv|maxpool|avgpool|add, RULE epsilon|gamma|alpha1-beta0 (z+), "
                    + "e.g. conv=gamma,linear=epsilon, or one RULE for all (default: epsilon on every layer, Captum's defaults)")
    String lrpRule;

    @Option(names = "--gamma", paramLabel = "G", description = "lrp: the gamma of the gamma rule, W + G * max(W, 0) (default 0.25, Captum's GammaRule)")
    Double gamma;

    @Option(names = "--set-bias-to-zero", description = "lrp: the gamma and alpha1-beta0 rules drop their layers' biases (Captum's set_bias_to_zero; default off)")
    Boolean setBiasToZero;

    @Option(names = "--relu", description = "grad-cam, cam: rectify the map")
    Boolean relu;

    @Option(names = "--upsample", arity = "0..1", fallbackValue = "nearest", paramLabel = "nearest|linear",
            description = "grad-cam, cam: resize the map to the input's size (default when given: nearest)")
    String upsample;

    @Option(names = "--window", split = ",", paramLabel = "A,B,..", description = "occlusion: window size per non-batch axis (no default: occlusion needs it)")
    int[] window;

    @Option(names = "--stride", split = ",", paramLabel = "A,B,..", description = "occlusion: step per axis (default 1)")
    int[] stride;

    @Option(names = "--feature-mask", paramLabel = "M.npy", description = "integer feature groups over the non-batch axes (or H x W, broadcast over channels; default: every element its own feature)")
    Path featureMask;

    @Option(names = "--delta-out", paramLabel = "D.npy", description = "integrated-gradients, deeplift: write the convergence delta per row (default: printed only)")
    Path deltaOut;

    /**
     * The method options given on the command line (every field but --method and --batch-size that is not
     * null), by flag, in declaration order: what the registry's option lists are checked against.
     */
    static List<String> given(ExplainOptions o) {
        List<String> flags = new ArrayList<>();
        for (Field f : ExplainOptions.class.getDeclaredFields()) {
            Option opt = f.getAnnotation(Option.class);
            if (opt == null || f.getName().equals("method") || f.getName().equals("batchSize")) continue;
            try {
                if (f.get(o) != null) flags.add(opt.names()[0]);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return flags;
    }
}
