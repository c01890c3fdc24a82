package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Saliency (Simonyan, Vedaldi, Zisserman 2014): attr = |d f_t(x) / dx|, or the signed gradient when
 * {@code abs} is off; as Captum 0.7 {@code Saliency.attribute(x, target, abs=True)}.
 */
public final class Saliency implements AttributionMethod {
    /**
     * @param abs       take the absolute value of the gradient (Captum's default; {@code --no-abs} turns it off)
     * @param batchSize model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(boolean abs, int batchSize) {
        public Options {
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(true, 64);
        }

        public Options withAbs(boolean a) { return new Options(a, batchSize); }
        public Options withBatchSize(int b) { return new Options(abs, b); }
    }

    private final Options options;

    public Saliency(Options options) {
        this.options = options;
    }

    public Saliency() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "saliency";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        return GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            float[] g = GradientSupport.inputGradient(model, x, tt).toArray();
            if (options.abs()) {
                for (int i = 0; i < g.length; i++) g[i] = Math.abs(g[i]);
            }
            return Tensor.of(g, x.shape());
        });
    }
}
