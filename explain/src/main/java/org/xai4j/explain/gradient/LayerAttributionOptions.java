package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.tensor.Tensor;

/**
 * The options of Captum's layer attributions ({@code LayerIntegratedGradients}, {@code LayerConductance},
 * ...): which layer, its output or its input, and for the path methods the steps, the rule and the
 * baseline. A method ignores what it does not use (the registry offers each only its own).
 *
 * @param layer            the activation's ONNX name ({@code --layer}), or "auto": the last conv map
 * @param toLayerInput     attribute to the layer's input instead of its output ({@code --attribute-to-layer-input};
 *                         Captum's attribute_to_layer_input, default false)
 * @param steps            integration steps ({@code --steps}; Captum's n_steps, default 50)
 * @param integration      points and weights ({@code --integration}; default gausslegendre)
 * @param baseline         the reference input ({@code --baseline}; {@link Baseline}'s rules); null means zeros
 * @param batchSize        model inputs per pass ({@code --batch-size})
 */
public record LayerAttributionOptions(String layer, boolean toLayerInput, int steps, Integration integration, Baseline baseline,
                                      int batchSize) {
    public LayerAttributionOptions {
        if (baseline == null) baseline = Baseline.ZERO;
        if (layer == null) layer = LayerSelection.AUTO;
        if (integration == null) throw new IllegalArgumentException("integration must not be null");
        integration.alphas(steps); // validates steps
        GradientSupport.checkBatchSize(batchSize);
    }

    public static LayerAttributionOptions defaults() {
        return new LayerAttributionOptions(LayerSelection.AUTO, false, 50, Integration.GAUSS_LEGENDRE, Baseline.ZERO, 64);
    }

    public LayerAttributionOptions withLayer(String l) {
        return new LayerAttributionOptions(l, toLayerInput, steps, integration, baseline, batchSize);
    }
}
