package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Input × gradient (Shrikumar et al. 2016, "Not just a black box"): attr = x ⊙ d f_t(x) / dx; as Captum
 * 0.7 {@code InputXGradient}.
 */
public final class InputXGradient implements AttributionMethod {
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

    public InputXGradient(Options options) {
        this.options = options;
    }

    public InputXGradient() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "input-x-gradient";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        return GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            float[] g = GradientSupport.inputGradient(model, x, tt).toArray(), xv = x.toArray();
            for (int i = 0; i < g.length; i++) g[i] *= xv[i];
            return Tensor.of(g, x.shape());
        });
    }
}
