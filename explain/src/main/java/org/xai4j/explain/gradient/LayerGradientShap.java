package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * GradientSHAP read at a layer (expected gradients, Lundberg and Lee 2017, with the layer's value h as the
 * input): the mean over samples of (h(x̃) − h(b)) ⊙ ∂f_t/∂h at α x̃ + (1 − α) b, with x̃ the row plus
 * Gaussian noise, b drawn from the baselines and α ~ U(0, 1) ({@link ShapSamples}, the same draws as
 * {@link GradientShap}). As Captum 0.7 {@code LayerGradientShap(model, layer).attribute(x, baselines,
 * n_samples, stdevs, target)} (its random numbers are PyTorch's, so only the expectation is shared).
 */
public final class LayerGradientShap implements AttributionMethod {
    /**
     * @param layer        the layer ({@code --layer}, or auto)
     * @param toLayerInput attribute to the layer's input ({@code --attribute-to-layer-input})
     * @param baselines    rows drawn as baselines ({@code --baselines}; {@link Baseline#distribution}); null means one row of zeros
     * @param samples      samples per row ({@code --samples}; default 5)
     * @param stdev        noise added to the row ({@code --stdev}; default 0)
     * @param seed         Philox seed ({@code --seed})
     * @param batchSize    model inputs per pass ({@code --batch-size})
     */
    public record Options(String layer, boolean toLayerInput, Baseline baselines, int samples, float stdev, long seed, int batchSize) {
        public Options {
            if (baselines == null) baselines = Baseline.ZERO;
            if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
            Noise.checkStdev(stdev);
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            GradientShap.Options d = GradientShap.Options.defaults();
            return new Options(LayerSelection.AUTO, false, d.baselines(), d.samples(), d.stdev(), d.seed(), d.batchSize());
        }
    }

    private final Options options;

    public LayerGradientShap(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "layer-gradient-shap";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        int[] rowShape = LayerPath.rowShape(model, inputs, layer);
        int n = inputs.size(0), ls = LayerPath.size(rowShape), samples = options.samples();
        double[] sum = new double[n * ls];
        ShapSamples.forEach(inputs, t, options.baselines(), samples, options.stdev(), options.seed(), options.batchSize(), c -> {
            int[] shape = c.points().shape();
            float[] g = LayerGradients.of(model, c.points(), c.targets(), layer).gradient().toArray();
            float[] hx = LayerValues.activation(model, Tensor.of(c.noisy(), shape), layer).toArray();
            float[] hb = LayerValues.activation(model, Tensor.of(c.baselines(), shape), layer).toArray();
            for (int i = 0; i < c.m(); i++) {
                int r = c.row()[i];
                for (int j = 0; j < ls; j++) sum[r * ls + j] += (hx[i * ls + j] - hb[i * ls + j]) * g[i * ls + j];
            }
        });
        return LayerPath.toTensor(divide(sum, samples), n, rowShape);
    }

    private static double[] divide(double[] a, int by) {
        for (int i = 0; i < a.length; i++) a[i] /= by;
        return a;
    }
}
