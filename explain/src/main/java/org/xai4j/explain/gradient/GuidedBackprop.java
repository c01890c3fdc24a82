package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Guided backpropagation (Springenberg, Dosovitskiy, Brox, Riedmiller, ICLR 2015 workshop): the input gradient with every ReLU's backward replaced by ReLU(ReLU'(x) · g); as Captum 0.7 {@code GuidedBackprop}.
 * The rule is a scoped {@link Gradients#override} of the ReLU op, so it holds per recorded node (a
 * ReLU reused at several places is handled at each).
 */
public final class GuidedBackprop implements AttributionMethod {
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

    public GuidedBackprop(Options options) {
        this.options = options;
    }

    public GuidedBackprop() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "guided-backprop";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return ReluRules.inputGradientUnder(ReluRules.GUIDED, name(), model, inputs, targets, options.batchSize());
    }
}
