package org.xai4j.cli;

import java.nio.file.Path;
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

    @Option(names = "--baselines", paramLabel = "B.npy", description = "gradient-shap: rows drawn as baselines")
    Path baselines;

    @Option(names = "--background", paramLabel = "X.npy", description = "kernel-shap, lime, linear-shap: background rows")
    Path background;

    @Option(names = "--base-method", paramLabel = "METHOD", description = "smoothgrad/smoothgrad-sq/vargrad: the gradient method under the noise (default saliency)")
    String baseMethod;

    @Option(names = "--samples", paramLabel = "N", description = "noise samples, sampled orderings or coalitions, perturbations")
    Integer samples;

    @Option(names = "--stdev", paramLabel = "S", description = "standard deviation of the added Gaussian noise")
    Float stdev;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the Philox random numbers (default 0)")
    Long seed;

    @Option(names = "--layer", paramLabel = "NAME|auto", description = "cam, grad-cam...: the activation by its ONNX name (see xai layers), or auto")
    String layer;

    @Option(names = "--relu", description = "grad-cam, cam: rectify the map")
    Boolean relu;

    @Option(names = "--upsample", arity = "0..1", fallbackValue = "nearest", paramLabel = "nearest|linear",
            description = "grad-cam, cam: resize the map to the input's size (default when given: nearest)")
    String upsample;

    @Option(names = "--window", split = ",", paramLabel = "A,B,..", description = "occlusion: window size per non-batch axis")
    int[] window;

    @Option(names = "--stride", split = ",", paramLabel = "A,B,..", description = "occlusion: step per axis (default 1)")
    int[] stride;

    @Option(names = "--feature-mask", paramLabel = "M.npy", description = "integer feature groups over the non-batch axes (or H x W, broadcast over channels)")
    Path featureMask;

    @Option(names = "--delta-out", paramLabel = "D.npy", description = "integrated-gradients: write the convergence delta per row")
    Path deltaOut;
}
