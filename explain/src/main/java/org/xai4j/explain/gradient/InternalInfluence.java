package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Internal influence (Leino et al., "Influence-Directed Explanations for Deep Convolutional Networks",
 * ITC 2018): Σ_k w_k ∂f_t/∂h(b + α_k (x − b)), the layer gradient integrated along the input path, not
 * multiplied by anything. As Captum 0.7 {@code InternalInfluence(model, layer).attribute(x, baselines,
 * target, n_steps, method)}; shaped like the layer's value.
 */
public final class InternalInfluence implements AttributionMethod {
    private final LayerAttributionOptions options;

    public InternalInfluence(LayerAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "internal-influence";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        int[] rowShape = LayerPath.rowShape(model, inputs, layer);
        int ls = LayerPath.size(rowShape), n = inputs.size(0);
        double[] weights = options.integration().weights(options.steps());
        double[] acc = new double[n * ls];
        LayerPath.walk(model, inputs, t, options.baseline(), layer, options.integration().alphas(options.steps()), options.batchSize(),
                (r, s, a, ao, g, go) -> {
                    double w = (float) weights[s]; // Captum multiplies by float32 step sizes
                    for (int j = 0; j < ls; j++) acc[r * ls + j] += w * g[go + j];
                });
        return LayerPath.toTensor(acc, n, rowShape);
    }
}
