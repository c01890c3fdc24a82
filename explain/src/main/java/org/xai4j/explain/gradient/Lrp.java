package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Layer-wise relevance propagation with the ε-rule on every layer (Bach et al. 2015; Montavon et al. 2019,
 * eq. 4): the target score f_t(x) is the relevance at the output, passed back layer by layer in proportion
 * to each input's contribution ({@link LrpRules}). As Captum 0.7 {@code LRP(model).attribute(x, target)}
 * with its default rules (EpsilonRule, ε = 1e-9). Conservation: Σ attr = f_t(x) less the relevance the
 * biases absorb, exactly (to ε) for a network without biases.
 */
public final class Lrp implements AttributionMethod {
    /**
     * @param epsilon   the ε of the rule ({@code --epsilon}; Captum's EpsilonRule default 1e-9)
     * @param batchSize model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(double epsilon, int batchSize) {
        public Options {
            if (!(epsilon >= 0) || Double.isInfinite(epsilon)) throw new IllegalArgumentException("--epsilon must be a finite number >= 0, got " + epsilon);
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(1e-9, 64);
        }
    }

    private final Options options;

    public Lrp(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "lrp";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        return GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            Tensor g;
            float[] scores;
            try (GradMode.Scope grad = GradMode.enableGrad(); GradMode.Scope rules = LrpRules.install(options.epsilon())) {
                Tensor leaf = x.contiguous().detach().requiresGrad(true);
                Tensor out = GradientSupport.run(model, leaf).output(0);
                scores = GradientSupport.pick(out, tt);
                g = Gradients.grad(out, GradientSupport.seed(out, tt), leaf)[0];
            }
            // the rules propagate relevance normalized by the output; Captum scales by f_t(x) at the end
            float[] r = g.contiguous().toArray();
            int rs = r.length / x.size(0);
            for (int i = 0; i < r.length; i++) r[i] *= scores[i / rs];
            return Tensor.of(r, x.shape());
        });
    }
}
