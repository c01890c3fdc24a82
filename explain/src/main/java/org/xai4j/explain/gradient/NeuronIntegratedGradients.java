package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Integrated Gradients of one unit of a layer (Sundararajan et al. 2017, eq. 3, with f = h[index]):
 * (x − b) ⊙ Σ_k w_k ∂h[index]/∂x at b + α_k (x − b). As Captum 0.7 {@code NeuronIntegratedGradients(model,
 * layer).attribute(x, neuron_selector, baselines, n_steps, method)}; the target is not used.
 */
public final class NeuronIntegratedGradients implements AttributionMethod {
    private final NeuronAttributionOptions options;

    public NeuronIntegratedGradients(NeuronAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "neuron-integrated-gradients";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        Neuron neuron = Neuron.of(model, inputs, options);
        return NeuronPath.integrate(inputs, options.baseline(), options.steps(), options.integration(), options.batchSize(),
                (points, rows) -> neuron.inputGradient(model, points).toArray());
    }
}
