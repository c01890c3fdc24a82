package org.xai4j.explain.gradient;

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
        float[] fx = new float[n];
        for (int s = 0; s < n; s += batch) {
            int e = Math.min(n, s + batch);
            System.arraycopy(GradientSupport.scores(model, GradientSupport.rows(inputs, s, e), GradientSupport.slice(t, s, e)), 0, fx, s, e - s);
        }
        float[] out = new float[n * ls];
        long total = (long) n * ls;
        for (long q0 = 0; q0 < total; q0 += batch) {
            int m = (int) Math.min(batch, total - q0);
            int[] inShape = inputs.shape(), hShape = hT.shape();
            inShape[0] = m;
            hShape[0] = m;
            float[] rows = new float[m * rs], values = new float[m * ls];
            int[] tt = new int[m];
            for (int i = 0; i < m; i++) {
                long q = q0 + i;
                int r = (int) (q / ls), j = (int) (q % ls);
                tt[i] = t[r];
                System.arraycopy(x, r * rs, rows, i * rs, rs);
                System.arraycopy(h, r * ls, values, i * ls, ls);
                values[i * ls + j] = 0f;
            }
            float[] f = LayerValues.scoresReplaced(model, Tensor.of(rows, inShape), tt, layer, Tensor.of(values, hShape));
            for (int i = 0; i < m; i++) {
                long q = q0 + i;
                int r = (int) (q / ls);
                out[(int) q] = fx[r] - f[i];
            }
        }
        return Tensor.of(out, hT.shape());
    }
}
