package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.explain.lime.LimeOptions;
import org.xai4j.explain.shapley.ShapleyValueSamplingOptions;

/**
 * How many model rows an explanation evaluates (each a forward pass, with a backward pass for the
 * gradient methods), from the method's options and the input's shape, so that a run estimated to take
 * long can say so before it starts (rows × the measured cost of one row). The counts follow each
 * method's algorithm with Captum's defaults; they are estimates (a KernelSHAP player whose value equals
 * every background row's is skipped, for one), never used for results.
 */
final class RunEstimate {
    private RunEstimate() {}

    /** True for the methods whose cost is dominated by forward and backward passes. */
    static boolean gradient(String method) {
        return switch (method) {
            case "saliency", "input-x-gradient", "integrated-gradients", "smoothgrad", "smoothgrad-sq", "vargrad", "guided-backprop",
                    "deconvolution", "deeplift", "gradient-shap", "grad-cam", "grad-cam-plus-plus", "guided-grad-cam", "linear-shap" -> true;
            default -> false;
        };
    }

    /**
     * The model rows {@code method} evaluates for an input of {@code shape} (batch first), or -1 when the
     * method is unknown or will refuse the input. Saturates at Long.MAX_VALUE (exact Shapley values on many features).
     */
    static long rows(ExplainOptions o, int[] shape) throws IOException {
        long n = shape[0];
        long perRow = 1;
        for (int i = 1; i < shape.length; i++) perRow *= shape[i];
        long features = o.featureMask == null ? perRow : groups(o.featureMask);
        int samples = o.samples == null ? -1 : o.samples;
        switch (o.method) {
            case "saliency", "input-x-gradient", "guided-backprop", "deconvolution", "deeplift", "cam", "grad-cam",
                    "grad-cam-plus-plus", "guided-grad-cam", "linear-shap":
                return n;
            case "integrated-gradients":
                return n * (o.steps == null ? 50 : o.steps);
            case "smoothgrad", "smoothgrad-sq", "vargrad", "gradient-shap": {
                long base = "integrated-gradients".equals(o.baseMethod) ? (o.steps == null ? 50 : o.steps) : 1;
                return n * (samples < 0 ? 5 : samples) * base;
            }
            case "occlusion": {
                if (o.window == null || o.window.length != shape.length - 1) return n;
                long windows = 1;
                for (int i = 0; i < o.window.length; i++) {
                    int stride = o.stride == null || o.stride.length != o.window.length ? 1 : Math.max(1, o.stride[i]);
                    windows *= Math.max(1, (shape[i + 1] - o.window[i]) / stride + 1);
                }
                return n * (windows + 1);
            }
            case "feature-ablation", "feature-permutation":
                return n * (features + 1);
            case "shapley-exact":
                // beyond MAX_GROUPS the method refuses at once, with its own message
                return features > org.xai4j.explain.shapley.ShapleyValues.MAX_GROUPS ? -1 : n << features;
            case "shapley-sampling":
                return saturate(n, (samples < 0 ? ShapleyValueSamplingOptions.DEFAULT_SAMPLES : samples) * (features + 1));
            case "kernel-shap": {
                long coalitions = samples <= 0 ? 2 * features + 2048 : samples;
                if (features < 62) coalitions = Math.min(coalitions, (1L << features) - 2);
                long background = o.background == null ? 1 : backgroundRows(o.background);
                return saturate(n, saturate(coalitions + 2, background));
            }
            case "lime":
                return n * (samples < 0 ? LimeOptions.DEFAULT_SAMPLES : samples);
            default:
                return -1;
        }
    }

    private static long saturate(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** The distinct labels of a feature-mask file (.npy), or 1 when it cannot be read (the method reports that). */
    private static long groups(Path mask) {
        try {
            Set<Long> labels = new HashSet<>();
            for (long v : Npy.read(mask).toLongArray()) labels.add(v);
            return Math.max(1, labels.size());
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** The rows of a background file, or 1 when it cannot be read here (the method reports that). */
    private static long backgroundRows(Path file) {
        try {
            HostArray a = new InputFiles().read(file).array();
            return a.shape().length == 0 ? 1 : Math.max(1, a.shape()[0]);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }
}
