package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;

/**
 * A named activation A and the gradient G = ∂f_t/∂A of a chunk of rows, both contiguous; and the CAM
 * pieces built on them.
 */
record LayerGradients(Tensor activation, Tensor gradient) {

    static LayerGradients of(Model model, Tensor x, int[] targets, String layer) {
        // the pass's storage is recycled by the next pass, as GradientSupport.inputGradient's is, and the two
        // tensors kept are copied out: with a fresh array for every activation, first touches and zeroing
        // made a ResNet-18 Grad-CAM (one forward, a short backward) cost more than a whole saliency pass
        try (TensorMemory.Scope memory = TensorMemory.recycling(); GradMode.Scope ignored = GradMode.enableGrad()) {
            Activations acts = null;
            Tensor a = null;
            if (model instanceof OnnxGraphModel && !model.inputNames().contains(layer)) {
                // the layer's value becomes the leaf where it is computed, so nothing before it is recorded
                // (no max-pool indices kept, a shorter graph to walk back): the same numbers, and 7 % less
                // time for a ResNet-18 layer3 conductance pass of 204 points
                Tensor[] leaf = new Tensor[1];
                try (ActivationOverride o = ActivationOverride.replace(layer, h -> leaf[0] = h.contiguous().detach().requiresGrad(true))) {
                    acts = GradientSupport.run(model, x.contiguous().detach());
                }
                a = leaf[0];
            }
            if (a == null) {
                // a model input, another kind of model, or a name no node computes (get then names the known ones)
                acts = GradientSupport.run(model, x.contiguous().detach().requiresGrad(true));
                a = acts.get(layer);
            }
            Tensor out = acts.output(0);
            Tensor g = Gradients.grad(out, GradientSupport.seed(out, targets), a)[0];
            return new LayerGradients(Tensor.of(a.contiguous().toArray(), a.shape()), Tensor.of(g.contiguous().toArray(), g.shape()));
        }
    }

    int rows() {
        return activation.size(0);
    }

    int channels() {
        return activation.dim() < 2 ? 1 : activation.size(1);
    }

    /** Positions per channel (1 for an (N, C) layer). */
    int positions() {
        return activation.numel() / (rows() * channels());
    }

    /** The shape of a one-channel map: (N, 1, spatial...). */
    int[] mapShape() {
        int[] s = activation.shape();
        s[1] = 1;
        return s;
    }

    /** cam[n, s] = Σ_c w[n, c] · A[n, c, s], optionally rectified; shaped (N, 1, spatial...). */
    Tensor weightedSum(double[] weights, boolean relu) {
        int n = rows(), c = channels(), p = positions();
        float[] a = activation.toArray();
        float[] cam = new float[n * p];
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < p; s++) {
                double sum = 0;
                for (int k = 0; k < c; k++) sum += weights[r * c + k] * a[(r * c + k) * p + s];
                cam[r * p + s] = relu ? (float) Math.max(0, sum) : (float) sum;
            }
        }
        return Tensor.of(cam, mapShape());
    }
}
