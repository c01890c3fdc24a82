package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.tensor.Tensor;

/**
 * The options of Captum's neuron attributions ({@code NeuronGradient}, {@code NeuronIntegratedGradients},
 * ...): which unit of which layer is explained, and for the path methods the steps, rule and baseline.
 *
 * @param layer       the layer's ONNX name ({@code --neuron-layer})
 * @param neuronIndex the unit's index into one row of the layer's value ({@code --neuron-index I,J,..}:
 *                    one index per non-batch axis, e.g. channel, row, column; Captum's neuron_selector)
 * @param steps       integration steps ({@code --steps}; default 50)
 * @param integration points and weights ({@code --integration}; default gausslegendre)
 * @param baseline    the reference input ({@code --baseline}; {@link Baseline}'s rules); null means zeros
 * @param batchSize   model inputs per pass ({@code --batch-size})
 */
public record NeuronAttributionOptions(String layer, int[] neuronIndex, int steps, Integration integration, Baseline baseline,
                                       int batchSize) {
    public NeuronAttributionOptions {
        if (baseline == null) baseline = Baseline.ZERO;
        if (layer == null) throw new IllegalArgumentException("neuron methods need --neuron-layer NAME (see xai layers)");
        if (neuronIndex == null || neuronIndex.length == 0) {
            throw new IllegalArgumentException("neuron methods need --neuron-index I,J,.. (one index per non-batch axis of the layer)");
        }
        if (integration == null) throw new IllegalArgumentException("integration must not be null");
        integration.alphas(steps);
        GradientSupport.checkBatchSize(batchSize);
    }

    /** Steps 50, Gauss-Legendre, zero baseline, batch size 64, for the unit {@code index} of {@code layer}. */
    public static NeuronAttributionOptions of(String layer, int... index) {
        return new NeuronAttributionOptions(layer, index, 50, Integration.GAUSS_LEGENDRE, Baseline.ZERO, 64);
    }
}
