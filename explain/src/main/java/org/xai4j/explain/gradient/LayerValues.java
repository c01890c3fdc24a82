package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxNode;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;

/**
 * What the layer attributions read from a model: the value of a named layer (or of its input), and the
 * gradient of the target score with respect to it, also with the layer's value replaced (Captum's forward
 * hook, here a scoped {@link ActivationOverride}).
 */
final class LayerValues {
    private LayerValues() {}

    /**
     * The name whose value is attributed: {@code --layer} (or the automatic choice), or with
     * {@code toLayerInput} the first input of the node that computes it (Captum's attribute_to_layer_input).
     */
    static String name(Model model, Tensor inputs, String layer, boolean toLayerInput) {
        String name = LayerSelection.resolve(layer, model, inputs);
        if (!toLayerInput) return name;
        if (!(model instanceof OnnxGraphModel g)) {
            throw new IllegalArgumentException("--attribute-to-layer-input reads the graph to find the layer's input; this model is not an ONNX graph");
        }
        for (OnnxNode node : g.nodes()) {
            if (node.outputs().contains(name)) return node.inputs().get(0);
        }
        throw new IllegalArgumentException("--attribute-to-layer-input: no node computes '" + name + "' (a model input has no layer input)");
    }

    /** The value named {@code name} for rows x, without recording. */
    static Tensor activation(Model model, Tensor x, String name) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return get(GradientSupport.run(model, x), name).contiguous();
        }
    }

    /**
     * The target scores for rows x, with the value named {@code name} replaced by {@code value} (shaped as
     * the model computes it there): what only that value needed is not computed
     * ({@link ActivationOverride#replaceWith}).
     */
    static float[] scoresReplaced(Model model, Tensor x, int[] targets, String name, Tensor value) {
        try (TensorMemory.Scope memory = TensorMemory.recycling(); GradMode.Scope ignored = GradMode.noGrad();
             ActivationOverride o = ActivationOverride.replaceWith(name, value)) {
            Tensor out = GradientSupport.run(model, x).output(0);
            requireApplied(o, name);
            return GradientSupport.pick(out, targets);
        }
    }

    /**
     * ∂f_t/∂h at rows x, with the value h named {@code name} replaced by {@code value} (shaped as the model
     * computes it there); as {@link #scoresReplaced}, the part of the network that only led to h is not run.
     */
    static Tensor gradientReplaced(Model model, Tensor x, int[] targets, String name, Tensor value) {
        // the pass's storage is recycled by the next pass (as LayerGradients'); the gradient is copied out
        try (TensorMemory.Scope memory = TensorMemory.recycling(); GradMode.Scope ignored = GradMode.enableGrad()) {
            Tensor leaf = value.contiguous().detach().requiresGrad(true);
            Tensor out;
            try (ActivationOverride o = ActivationOverride.replaceWith(name, leaf)) {
                out = model.forward(x.contiguous().detach()); // the output alone, as GradientSupport.inputGradient
                requireApplied(o, name);
            }
            Tensor g = Gradients.grad(out, GradientSupport.seed(out, targets), leaf)[0];
            return Tensor.of(g.contiguous().toArray(), g.shape());
        }
    }

    private static void requireApplied(ActivationOverride o, String name) {
        if (!o.applied()) {
            throw new IllegalArgumentException("no value named '" + name + "' was computed in this model's run"
                    + " (or the model does not support replacing values); xai layers lists the names");
        }
    }

    private static Tensor get(Activations acts, String name) {
        if (!acts.contains(name)) {
            throw new IllegalArgumentException("no tensor named '" + name + "' in the model; known: " + String.join(", ", acts.all().keySet()));
        }
        return acts.get(name);
    }
}
