package org.xai4j.explain.gradient;

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
        for (int s = 0; s < n; s += batch) {
            int e = Math.min(n, s + batch);
            System.arraycopy(neuron.values(model, GradientSupport.rows(inputs, s, e)), 0, original, s, e - s);
        }
        float[] out = new float[n * rs];
        long total = (long) n * rs;
        for (long q0 = 0; q0 < total; q0 += batch) {
            int m = (int) Math.min(batch, total - q0);
            int[] shape = inputs.shape();
            shape[0] = m;
            float[] rows = new float[m * rs];
            for (int i = 0; i < m; i++) {
                long q = q0 + i;
                int r = (int) (q / rs), j = (int) (q % rs);
                System.arraycopy(x, r * rs, rows, i * rs, rs);
                rows[i * rs + j] = 0f;
            }
            float[] v = neuron.values(model, Tensor.of(rows, shape));
            for (int i = 0; i < m; i++) {
                long q = q0 + i;
                out[(int) q] = original[(int) (q / rs)] - v[i];
            }
        }
        return Tensor.of(out, inputs.shape());
    }
}
