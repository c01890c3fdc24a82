package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * DeepLIFT's rescale rule (Shrikumar et al. 2017, §3.3) read at a layer: (h(x) − h(b)) ⊙ m, where m is
 * the multiplier of the target score with respect to the layer's value h, inputs and baselines run as
 * one batch as in {@link DeepLift}. As Captum 0.7 {@code LayerDeepLift(model, layer).attribute(x, baselines,
 * target, attribute_to_layer_input)}; shaped like the layer's value.
 */
public final class LayerDeepLift implements AttributionMethod {
    private final LayerAttributionOptions options;

    public LayerDeepLift(LayerAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "layer-deeplift";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerValues.name(model, inputs, options.layer(), options.toLayerInput());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        int per = Math.max(1, options.batchSize() / 2);
        return GradientSupport.byChunks(inputs, t, per, (x, tt, first) -> {
            int m = x.size(0);
            Tensor b = base.rows(first, first + m);
            int[] both = new int[2 * m];
            System.arraycopy(tt, 0, both, 0, m);
            System.arraycopy(tt, 0, both, m, m);
            Tensor h, g;
            try (GradMode.Scope grad = GradMode.enableGrad(); GradMode.Scope rules = DeepLiftRules.install()) {
                Tensor stacked = Ops.concat(0, x, b).contiguous().detach().requiresGrad(true);
                Activations acts = GradientSupport.run(model, stacked);
                h = acts.get(layer);
                Tensor out = acts.output(0);
                g = Gradients.grad(out, GradientSupport.seed(out, both), h)[0];
            }
            float[] hv = h.contiguous().toArray(), gv = g.contiguous().toArray();
            int ls = hv.length / (2 * m);
            float[] a = new float[m * ls];
            for (int i = 0; i < a.length; i++) a[i] = (hv[i] - hv[m * ls + i]) * gv[i];
            int[] shape = h.shape();
            shape[0] = m;
            return Tensor.of(a, shape);
        });
    }
}
