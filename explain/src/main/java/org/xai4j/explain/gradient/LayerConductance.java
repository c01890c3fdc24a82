package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * Layer conductance (Dhamdhere, Sundararajan, Yan, "How Important Is a Neuron?", ICLR 2019, eq. 2):
 * Σ_k ∂f_t/∂h(p_k) ⊙ (h(p_{k+1}) − h(p_k)) over the input path p_k = b + α_k (x − b) at steps + 1 points,
 * the chain rule through the layer summed along the path. As Captum 0.7 {@code LayerConductance(model,
 * layer).attribute(x, baselines, target, n_steps, method)}; shaped like the layer's value. Its sum over the
 * layer approaches f_t(x) − f_t(b) (completeness) as the steps grow, with a rule whose points include 0 and 1.
 */
public final class LayerConductance implements ConvergenceDeltaMethod {
    private final LayerAttributionOptions options;

    public LayerConductance(LayerAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "layer-conductance";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return conduct(model, inputs, GradientSupport.targets(model, inputs, targets, options.batchSize()));
    }

    @Override
    public AttributionWithDelta attributeWithDelta(Model model, Tensor inputs, int[] targets) {
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Tensor attr = conduct(model, inputs, t);
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        return new AttributionWithDelta(attr, Completeness.delta(model, inputs, base, attr, t, options.batchSize()));
    }

    private Tensor conduct(Model model, Tensor inputs, int[] t) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        int[] rowShape = LayerPath.rowShape(model, inputs, layer);
        int ls = LayerPath.size(rowShape), n = inputs.size(0), steps = options.steps();
        double[] acc = new double[n * ls];
        // the previous point's gradient and value of the row being walked (the walk is row by row, step by step)
        float[] prevGrad = new float[ls], prevValue = new float[ls];
        LayerPath.walk(model, inputs, t, options.baseline(), layer, options.integration().alphas(steps + 1), options.batchSize(),
                (r, s, a, ao, g, go) -> {
                    if (s > 0) {
                        for (int j = 0; j < ls; j++) acc[r * ls + j] += prevGrad[j] * (a[ao + j] - prevValue[j]);
                    }
                    System.arraycopy(g, go, prevGrad, 0, ls);
                    System.arraycopy(a, ao, prevValue, 0, ls);
                });
        return LayerPath.toTensor(acc, n, rowShape);
    }
}
