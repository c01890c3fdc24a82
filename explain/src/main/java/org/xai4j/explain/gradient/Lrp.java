package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Layer-wise relevance propagation (Bach et al. 2015; Montavon et al. 2019, eqs. 4-7): the target score
 * f_t(x) is the relevance at the output, passed back layer by layer in proportion to each input's contribution
 * ({@link LrpRules}), with the rule of each layer's type ({@link LrpLayerRules}: epsilon, gamma or z+). As
 * Captum 0.7 {@code LRP(model).attribute(x, target)} with {@code module.rule} set per layer type (default
 * EpsilonRule, ε = 1e-9). Conservation: Σ attr = f_t(x) less the relevance the biases absorb (to ε, for any
 * rule), exactly so for a network without biases or with the gamma and z+ rules' set_bias_to_zero.
 */
public final class Lrp implements AttributionMethod {
    /**
     * @param rules         the rule of each layer type ({@code --lrp-rule}; Captum's default: epsilon everywhere)
     * @param epsilon       the ε of the epsilon rule ({@code --epsilon}; Captum's EpsilonRule default 1e-9)
     * @param gamma         the γ of the gamma rule ({@code --gamma}; Captum's GammaRule default 0.25)
     * @param setBiasToZero the gamma and z+ rules' set_bias_to_zero ({@code --set-bias-to-zero}; default false)
     * @param batchSize     model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(LrpLayerRules rules, double epsilon, double gamma, boolean setBiasToZero, int batchSize) {
        public Options {
            if (rules == null) rules = LrpLayerRules.CAPTUM_DEFAULTS;
            if (!(epsilon >= 0) || Double.isInfinite(epsilon)) throw new IllegalArgumentException("--epsilon must be a finite number >= 0, got " + epsilon);
            if (!(gamma >= 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("--gamma must be a finite number >= 0, got " + gamma);
            if (setBiasToZero && !rules.uses(LrpRule.GAMMA) && !rules.uses(LrpRule.ALPHA1_BETA0)) {
                // Captum's EpsilonRule has no set_bias_to_zero: a flag that changes nothing is a mistake worth naming
                throw new IllegalArgumentException("--set-bias-to-zero applies to the gamma and alpha1-beta0 rules; --lrp-rule chooses none");
            }
            GradientSupport.checkBatchSize(batchSize);
        }

        /** The epsilon rule everywhere with this ε (Captum's {@code LRP} defaults otherwise). */
        public Options(double epsilon, int batchSize) {
            this(LrpLayerRules.CAPTUM_DEFAULTS, epsilon, 0.25, false, batchSize);
        }

        public static Options defaults() {
            return new Options(1e-9, 64);
        }

        public Options withRules(LrpLayerRules r) { return new Options(r, epsilon, gamma, setBiasToZero, batchSize); }
        public Options withGamma(double g) { return new Options(rules, epsilon, g, setBiasToZero, batchSize); }
        public Options withBiasToZero(boolean z) { return new Options(rules, epsilon, gamma, z, batchSize); }
        public Options withBatchSize(int b) { return new Options(rules, epsilon, gamma, setBiasToZero, b); }
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
            Tensor leaf = x.contiguous().detach().requiresGrad(true);
            try (GradMode.Scope grad = GradMode.enableGrad(); GradMode.Scope rules = LrpRules.install(options, leaf)) {
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
