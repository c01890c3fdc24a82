package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * DeepLIFT with the rescale rule (Shrikumar, Greenside, Kundaje, ICML 2017, §3.3):
 * attr = (x − b) ⊙ m, where m is the gradient with every nonlinearity's derivative replaced by
 * Δoutput/Δinput between the input and the baseline (max pooling: Captum's maxpool rule). As Captum 0.7
 * {@code DeepLift(model).attribute(x, baselines, target)}: inputs and baselines run through the model as
 * one batch; where |Δinput| < 1e-10 the plain gradient is used. Summation-to-delta: Σ attr = f_t(x) − f_t(b).
 * Softmax keeps its plain gradient (Captum's softmax rule normalizes over the whole batch; not reproduced).
 */
public final class DeepLift implements ConvergenceDeltaMethod {
    /**
     * @param baseline  the reference input ({@code --baseline}; {@link Baseline}'s rules); null means zeros
     * @param batchSize model inputs per forward/backward pass ({@code --batch-size}); each pass holds
     *                  max(1, batchSize / 2) rows and as many baselines
     */
    public record Options(Baseline baseline, int batchSize) {
        public Options {
            if (baseline == null) baseline = Baseline.ZERO;
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(Baseline.ZERO, 64);
        }

        public Options withBaseline(Baseline b) { return new Options(b, batchSize); }
        public Options withBatchSize(int b) { return new Options(baseline, b); }
    }

    private final Options options;

    public DeepLift(Options options) {
        this.options = options;
    }

    public DeepLift() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "deeplift";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return attributeWithDelta(model, inputs, targets).attributions();
    }

    /** The attributions and each row's summation-to-delta error Σ attr − (f_t(x) − f_t(b)). */
    @Override
    public AttributionWithDelta attributeWithDelta(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), per = Math.max(1, options.batchSize() / 2);
        float[] delta = new float[n];
        Tensor attr = GradientSupport.byChunks(inputs, t, per, (x, tt, first) -> {
            int m = x.size(0);
            Tensor b = base.rows(first, first + m);
            int[] both = new int[2 * m];
            System.arraycopy(tt, 0, both, 0, m);
            System.arraycopy(tt, 0, both, m, m);
            Tensor g;
            float[] scores;
            try (GradMode.Scope grad = GradMode.enableGrad(); GradMode.Scope rules = DeepLiftRules.install()) {
                Tensor stacked = Ops.concat(0, x, b).contiguous().detach().requiresGrad(true);
                Tensor out = GradientSupport.run(model, stacked).output(0);
                scores = GradientSupport.pick(out, both);
                g = Gradients.grad(out, GradientSupport.seed(out, both), stacked)[0];
            }
            float[] gv = g.toArray(), xv = x.toArray(), bv = b.toArray();
            float[] a = new float[m * rs];
            for (int i = 0; i < a.length; i++) a[i] = (xv[i] - bv[i]) * gv[i];
            for (int r = 0; r < m; r++) {
                double sum = 0;
                for (int j = 0; j < rs; j++) sum += a[r * rs + j];
                delta[first + r] = (float) (sum - ((double) scores[r] - scores[m + r]));
            }
            return Tensor.of(a, x.shape());
        });
        return new AttributionWithDelta(attr, delta);
    }
}
