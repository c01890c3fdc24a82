package org.xai4j.explain.gradient;

import java.util.Arrays;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * One unit of a layer, n(x) = h(x)[r, index], as the function the neuron attributions explain in place of
 * the model's output: its value, and its gradient with respect to the input (optionally under replaced
 * backward rules, for guided backprop, deconvolution and DeepLIFT).
 */
final class Neuron {
    private final String layer;
    private final int offset;

    private Neuron(String layer, int offset) {
        this.layer = layer;
        this.offset = offset;
    }

    /** The unit of {@code options}, its index checked against the layer's shape (a pass over one row). */
    static Neuron of(Model model, Tensor inputs, NeuronAttributionOptions options) {
        int[] shape = LayerValues.activation(model, GradientSupport.rows(inputs, 0, GradientSupport.probeRows(inputs)), options.layer()).shape();
        int[] index = options.neuronIndex();
        if (index.length != shape.length - 1) {
            throw new IllegalArgumentException("--neuron-index " + str(index) + ": layer '" + options.layer() + "' has shape "
                    + Shape.str(shape) + ", so one index per non-batch axis (" + (shape.length - 1) + ") is needed");
        }
        int offset = 0;
        for (int a = 0; a < index.length; a++) {
            if (index[a] < 0 || index[a] >= shape[a + 1]) {
                throw new IllegalArgumentException("--neuron-index " + str(index) + ": index " + index[a] + " on axis " + (a + 1)
                        + " is outside layer '" + options.layer() + "' of shape " + Shape.str(shape));
            }
            offset = offset * shape[a + 1] + index[a];
        }
        return new Neuron(options.layer(), offset);
    }

    private static String str(int[] index) {
        return String.join(",", Arrays.stream(index).mapToObj(Integer::toString).toList());
    }

    String layer() {
        return layer;
    }

    /** n(x) for every row of x, without recording. */
    float[] values(Model model, Tensor x) {
        float[] h = LayerValues.activation(model, x, layer).toArray();
        int rows = x.size(0), per = h.length / rows;
        float[] v = new float[rows];
        for (int r = 0; r < rows; r++) v[r] = h[r * per + offset];
        return v;
    }

    /** The seed that picks this unit in every row of a layer value of {@code shape}. */
    Tensor seed(int[] shape) {
        int rows = shape[0], per = Shape.numel(shape) / rows;
        float[] s = new float[rows * per];
        for (int r = 0; r < rows; r++) s[r * per + offset] = 1f;
        return Tensor.of(s, shape);
    }

    /** ∂n/∂x for every row of x (x not modified). */
    Tensor inputGradient(Model model, Tensor x) {
        try (GradMode.Scope ignored = GradMode.enableGrad()) {
            Tensor leaf = x.contiguous().detach().requiresGrad(true);
            Tensor h = GradientSupport.run(model, leaf).get(layer);
            Tensor g = Gradients.grad(h, seed(h.shape()), leaf)[0];
            return Tensor.of(g.toArray(), g.shape());
        }
    }

    /** The unit's column of the layer gradient ∂f_t/∂h, per row: ∂f_t/∂n. */
    float[] outputGradient(Model model, Tensor x, int[] targets) {
        LayerGradients lg = LayerGradients.of(model, x, targets, layer);
        float[] g = lg.gradient().toArray();
        int rows = x.size(0), per = g.length / rows;
        float[] v = new float[rows];
        for (int r = 0; r < rows; r++) v[r] = g[r * per + offset];
        return v;
    }

    /**
     * DeepLIFT's multipliers of the unit with respect to the input, rows x and their baselines b run as one
     * batch under the rescale rules ({@link DeepLiftRules}): m with n(x) − n(b) = Σ (x − b) ⊙ m.
     */
    Tensor deepLiftMultipliers(Model model, Tensor x, Tensor b) {
        try (GradMode.Scope grad = GradMode.enableGrad(); GradMode.Scope rules = DeepLiftRules.install()) {
            Tensor stacked = Ops.concat(0, x, b).contiguous().detach().requiresGrad(true);
            Activations acts = GradientSupport.run(model, stacked);
            Tensor h = acts.get(layer);
            Tensor g = Gradients.grad(h, seed(h.shape()), stacked)[0];
            return GradientSupport.rows(g, 0, x.size(0));
        }
    }
}
