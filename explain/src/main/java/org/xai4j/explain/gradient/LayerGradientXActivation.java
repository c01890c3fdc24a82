package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * A ⊙ ∂f_t/∂A for the layer's value A, as Captum 0.7 {@code LayerGradientXActivation(model, layer)
 * .attribute(x, target)} (multiply_by_inputs=True); shaped like the layer's value.
 */
public final class LayerGradientXActivation implements AttributionMethod {
    private final LayerAttributionOptions options;

    public LayerGradientXActivation(LayerAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "layer-gradient-x-activation";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        return GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            LayerGradients lg = LayerGradients.of(model, x, tt, layer);
            float[] a = lg.activation().toArray(), g = lg.gradient().toArray();
            for (int i = 0; i < a.length; i++) a[i] *= g[i];
            return Tensor.of(a, lg.activation().shape());
        });
    }
}
