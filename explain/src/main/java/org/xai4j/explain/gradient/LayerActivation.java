package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * The layer's value itself, as Captum 0.7 {@code LayerActivation(model, layer).attribute(x)}: shaped like
 * the layer's output (or input, {@code toLayerInput}); the target is not used.
 */
public final class LayerActivation implements AttributionMethod {
    private final LayerAttributionOptions options;

    public LayerActivation(LayerAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "layer-activation";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        int[] none = new int[inputs.size(0)];
        return GradientSupport.byChunks(inputs, none, options.batchSize(), (x, t, first) -> LayerValues.activation(model, x, layer));
    }
}
