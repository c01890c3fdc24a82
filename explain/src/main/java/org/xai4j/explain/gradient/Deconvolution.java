package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Deconvolution (Zeiler and Fergus, ECCV 2014): the input gradient with every ReLU's backward replaced by ReLU(g), the upstream gradient rectified regardless of the forward input; as Captum 0.7 {@code Deconvolution}.
 * The rule is a scoped {@link Gradients#override} of the ReLU op, so it holds per recorded node (a
 * ReLU reused at several places is handled at each).
 */
public final class Deconvolution implements AttributionMethod {
    /** @param batchSize model inputs per forward/backward pass ({@code --batch-size}) */
    public record Options(int batchSize) {
        public Options {
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(64);
        }
    }

    private final Options options;

    public Deconvolution(Options options) {
        this.options = options;
    }

    public Deconvolution() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "deconvolution";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return ReluRules.inputGradientUnder(ReluRules.DECONVOLUTION, name(), model, inputs, targets, options.batchSize());
    }
}
