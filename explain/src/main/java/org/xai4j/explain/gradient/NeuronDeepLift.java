package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * DeepLIFT (rescale rule, Shrikumar et al. 2017) of one unit of a layer: (x − b) ⊙ m, with m the
 * multipliers of h[index] with respect to the input; Σ attr = n(x) − n(b). As Captum 0.7
 * {@code NeuronDeepLift(model, layer).attribute(x, neuron_selector, baselines)}; the target is not used.
 */
public final class NeuronDeepLift implements AttributionMethod {
    private final NeuronAttributionOptions options;

    public NeuronDeepLift(NeuronAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "neuron-deeplift";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        Neuron neuron = Neuron.of(model, inputs, options);
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        int per = Math.max(1, options.batchSize() / 2);
        return GradientSupport.byChunks(inputs, new int[inputs.size(0)], per, (x, t, first) -> {
            Tensor b = base.rows(first, first + x.size(0));
            float[] m = neuron.deepLiftMultipliers(model, x, b).toArray(), xv = x.toArray(), bv = b.toArray();
            for (int i = 0; i < m.length; i++) m[i] *= xv[i] - bv[i];
            return Tensor.of(m, x.shape());
        });
    }
}
