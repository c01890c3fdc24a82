package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * GradientSHAP of one unit of a layer: the mean over samples of (x̃ − b) ⊙ ∂h[index]/∂x at α x̃ + (1 − α) b
 * (the draws of {@link ShapSamples}). As Captum 0.7 {@code NeuronGradientShap(model, layer).attribute(x,
 * neuron_selector, baselines, n_samples, stdevs)}; the target is not used.
 */
public final class NeuronGradientShap implements AttributionMethod {
    /**
     * @param unit      the layer and unit ({@code --neuron-layer}, {@code --neuron-index}); its path options are not used
     * @param baselines rows drawn as baselines ({@code --baselines}; {@link Baseline#distribution}); null means one row of zeros
     * @param samples   samples per row ({@code --samples}; default 5)
     * @param stdev     noise added to the row ({@code --stdev}; default 0)
     * @param seed      Philox seed ({@code --seed})
     */
    public record Options(NeuronAttributionOptions unit, Baseline baselines, int samples, float stdev, long seed) {
        public Options {
            if (baselines == null) baselines = Baseline.ZERO;
            if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
            Noise.checkStdev(stdev);
        }
    }

    private final Options options;

    public NeuronGradientShap(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "neuron-gradient-shap";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        Neuron neuron = Neuron.of(model, inputs, options.unit());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), samples = options.samples();
        double[] sum = new double[n * rs];
        ShapSamples.forEach(inputs, new int[n], options.baselines(), samples, options.stdev(), options.seed(),
                options.unit().batchSize(), c -> {
                    float[] g = neuron.inputGradient(model, c.points()).toArray();
                    for (int i = 0; i < c.m(); i++) {
                        int r = c.row()[i];
                        for (int j = 0; j < rs; j++) sum[r * rs + j] += (c.noisy()[i * rs + j] - c.baselines()[i * rs + j]) * g[i * rs + j];
                    }
                });
        float[] out = new float[n * rs];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / samples);
        return Tensor.of(out, inputs.shape());
    }
}
