package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * GradientSHAP / expected gradients (Lundberg and Lee, NeurIPS 2017; Erion et al., Nature MI 2021):
 * attr = mean over S draws of (x̃ − b) ⊙ ∇f_t(α x̃ + (1 − α) b), with b a random row of the baseline
 * distribution, x̃ = x + N(0, stdev²) and α ~ U[0, 1). As Captum 0.7 {@code GradientShap.attribute(x,
 * baselines, n_samples, stdevs)} (a SmoothGrad NoiseTunnel over InputBaselineXGradient with baselines
 * drawn from the distribution). Draw q = row × samples + sample takes its baseline index, α and noise
 * from Philox at (seed, stream, q), so the seed fixes the result whatever the batch size.
 */
public final class GradientShap implements AttributionMethod {
    /**
     * @param baselines the baseline distribution ({@code --baselines}; {@link Baseline#distribution}): K rows
     *                  (K, ...) or one row shaped like an input row; null means a single row of zeros
     * @param samples   draws per input row ({@code --samples}; Captum's n_samples, default 5)
     * @param stdev     input noise in input units ({@code --stdev}; Captum's stdevs, default 0)
     * @param seed      Philox key ({@code --seed})
     * @param batchSize model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(Baseline baselines, int samples, float stdev, long seed, int batchSize) {
        public Options {
            if (baselines == null) baselines = Baseline.ZERO;
            if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
            Noise.checkStdev(stdev);
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(Baseline.ZERO, 5, 0f, 0L, 64);
        }

        public Options withBaselines(Baseline b) { return new Options(b, samples, stdev, seed, batchSize); }
        public Options withSamples(int s) { return new Options(baselines, s, stdev, seed, batchSize); }
        public Options withStdev(float s) { return new Options(baselines, samples, s, seed, batchSize); }
        public Options withSeed(long s) { return new Options(baselines, samples, stdev, s, batchSize); }
        public Options withBatchSize(int b) { return new Options(baselines, samples, stdev, seed, b); }
    }

    private final Options options;

    public GradientShap(Options options) {
        this.options = options;
    }

    public GradientShap() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "gradient-shap";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), samples = options.samples();
        double[] sum = new double[n * rs];
        ShapSamples.forEach(inputs, t, options.baselines(), samples, options.stdev(), options.seed(), options.batchSize(), c -> {
            Tensor g = GradientSupport.inputGradient(model, c.points(), c.targets());
            float[] gv = g.data();
            for (int i = 0; i < c.m(); i++) {
                int r = c.row()[i];
                for (int j = 0; j < rs; j++) {
                    float a = (c.noisy()[i * rs + j] - c.baselines()[i * rs + j]) * gv[g.offset() + i * rs + j];
                    sum[r * rs + j] += a;
                }
            }
        });
        float[] out = new float[n * rs];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / samples);
        return Tensor.of(out, inputs.shape());
    }
}
