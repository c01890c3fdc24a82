package org.xai4j.explain.gradient;

import org.xai4j.explain.Batches;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Ablation for one unit of a layer: attr[j] = n(x) − n(x with element j set to 0), one input element at
 * a time. As Captum 0.7 {@code NeuronFeatureAblation(model, layer).attribute(x, neuron_selector)}
 * (baselines 0, no feature mask); the (row, element) ablations are evaluated {@code batchSize} at a time.
 */
public final class NeuronFeatureAblation implements AttributionMethod {
    private final NeuronAttributionOptions options;

    public NeuronFeatureAblation(NeuronAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "neuron-feature-ablation";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        Neuron neuron = Neuron.of(model, inputs, options);
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), batch = options.batchSize();
        float[] x = inputs.contiguous().toArray(), original = new float[n];
        Batches.forEach(n, 1, batch, c -> System.arraycopy(neuron.values(model, GradientSupport.rows(inputs, c.firstRow(), c.endRow())),
                0, original, c.firstRow(), c.size()));
        float[] out = new float[n * rs];
        // (row, element) pairs: each input element set to 0 in turn
        Batches.forEach(n, rs, batch, c -> {
            int m = c.size();
            float[] rows = c.buffer(rs);
            for (int i = 0; i < m; i++) {
                System.arraycopy(x, c.row(i) * rs, rows, i * rs, rs);
                rows[i * rs + c.sample(i)] = 0f;
            }
            float[] v = neuron.values(model, Tensor.of(rows, c.shape(inputs.shape())));
            for (int i = 0; i < m; i++) out[(int) c.pair(i)] = original[c.row(i)] - v[i];
        });
        return Tensor.of(out, inputs.shape());
    }
}
