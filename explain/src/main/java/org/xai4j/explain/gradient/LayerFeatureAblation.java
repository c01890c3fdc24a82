package org.xai4j.explain.gradient;

import org.xai4j.explain.Batches;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Ablation of a layer's units: attr[j] = f_t(x) − f_t(x with unit j of the layer's value set to 0), one
 * unit at a time, the network run from the layer on. As Captum 0.7 {@code LayerFeatureAblation(model,
 * layer).attribute(x, target)} (layer_baselines 0, no layer mask); shaped like the layer's value. The
 * (row, unit) ablations are evaluated {@code batchSize} at a time.
 */
public final class LayerFeatureAblation implements AttributionMethod {
    private final LayerAttributionOptions options;

    public LayerFeatureAblation(LayerAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "layer-feature-ablation";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), batch = options.batchSize();
        Tensor hT = GradientSupport.byChunks(inputs, new int[n], batch, (x, tt, first) -> LayerValues.activation(model, x, layer));
        float[] h = hT.toArray(), x = inputs.contiguous().toArray();
        int ls = h.length / n;
        float[] fx = GradientSupport.scores(model, inputs, t, batch);
        float[] out = new float[n * ls];
        // (row, unit) pairs: each unit of the layer set to 0 in turn
        Batches.forEach(n, ls, batch, c -> {
            int m = c.size();
            float[] rows = c.buffer(rs), values = new float[m * ls];
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                System.arraycopy(x, r * rs, rows, i * rs, rs);
                System.arraycopy(h, r * ls, values, i * ls, ls);
                values[i * ls + c.sample(i)] = 0f;
            }
            float[] f = LayerValues.scoresReplaced(model, Tensor.of(rows, c.shape(inputs.shape())), c.perPair(t), layer,
                    Tensor.of(values, c.shape(hT.shape())));
            for (int i = 0; i < m; i++) out[(int) c.pair(i)] = fx[c.row(i)] - f[i];
        });
        return Tensor.of(out, hT.shape());
    }
}
