package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.Batches;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * Integrated Gradients in a layer's space (Sundararajan et al. 2017, eq. 3, with the layer's value h as
 * the input): attr = (h(x) − h(b)) ⊙ Σ_k w_k ∂f_t/∂h at h(b) + α_k (h(x) − h(b)), the network run from
 * the layer on (the model's input stays x for any path that bypasses the layer). As Captum 0.7
 * {@code LayerIntegratedGradients(model, layer).attribute(x, baselines, target, n_steps, method,
 * attribute_to_layer_input)}, which replaces the layer's output with a forward hook; here a scoped
 * {@link org.xai4j.engine.nn.ActivationOverride}. Completeness: Σ attr ≈ f_t(x) − f_t(b).
 */
public final class LayerIntegratedGradients implements ConvergenceDeltaMethod {
    private final LayerAttributionOptions options;

    public LayerIntegratedGradients(LayerAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "layer-integrated-gradients";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return integrate(model, inputs, GradientSupport.targets(model, inputs, targets, options.batchSize()));
    }

    @Override
    public AttributionWithDelta attributeWithDelta(Model model, Tensor inputs, int[] targets) {
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Tensor attr = integrate(model, inputs, t);
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        return new AttributionWithDelta(attr, Completeness.delta(model, inputs, base, attr, t, options.batchSize()));
    }

    private Tensor integrate(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), steps = options.steps(), batch = options.batchSize();
        // the layer's value at the inputs and at the baselines
        int[] none = new int[n];
        float[] hx = GradientSupport.byChunks(inputs, none, batch, (x, t, first) -> LayerValues.activation(model, x, layer)).toArray();
        Tensor hbT = GradientSupport.byChunks(inputs, none, batch,
                (x, t, first) -> LayerValues.activation(model, base.rows(first, first + x.size(0)), layer));
        float[] hb = hbT.toArray();
        int ls = hx.length / n;
        int[] layerShape = hbT.shape();
        double[] alphas = options.integration().alphas(steps), weights = options.integration().weights(steps);
        float[] x = inputs.contiguous().toArray();
        double[] acc = new double[n * ls];
        Batches.forEach(n, steps, batch, c -> {
            int m = c.size();
            float[] rows = c.buffer(rs), points = new float[m * ls];
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                float a = (float) alphas[c.sample(i)];
                System.arraycopy(x, r * rs, rows, i * rs, rs);
                for (int j = 0; j < ls; j++) points[i * ls + j] = hb[r * ls + j] + a * (hx[r * ls + j] - hb[r * ls + j]);
            }
            float[] g = LayerValues.gradientReplaced(model, Tensor.of(rows, c.shape(inputs.shape())), c.perPair(targets), layer,
                    Tensor.of(points, c.shape(layerShape))).toArray();
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                double w = (float) weights[c.sample(i)]; // Captum multiplies by float32 step sizes
                for (int j = 0; j < ls; j++) acc[r * ls + j] += w * g[i * ls + j];
            }
        });
        float[] out = new float[n * ls];
        for (int i = 0; i < out.length; i++) out[i] = (float) (acc[i] * (hx[i] - hb[i]));
        return Tensor.of(out, layerShape);
    }
}
