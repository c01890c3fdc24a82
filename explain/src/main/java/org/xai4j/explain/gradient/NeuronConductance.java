package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Neuron conductance (Dhamdhere, Sundararajan, Yan, ICLR 2019, eq. 3): how much of the target score flows
 * through one unit from each input element, (x − b) ⊙ Σ_k w_k ∂f_t/∂n · ∂n/∂x at b + α_k (x − b). As
 * Captum 0.7 {@code NeuronConductance(model, layer).attribute(x, neuron_selector, baselines, target,
 * n_steps, method)}.
 */
public final class NeuronConductance implements AttributionMethod {
    private final NeuronAttributionOptions options;

    public NeuronConductance(NeuronAttributionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "neuron-conductance";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        Neuron neuron = Neuron.of(model, inputs, options);
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        int rs = GradientSupport.rowSize(inputs);
        return NeuronPath.integrate(inputs, options.baseline(), options.steps(), options.integration(), options.batchSize(),
                (points, rows) -> {
                    int[] pt = new int[rows.length];
                    for (int i = 0; i < rows.length; i++) pt[i] = t[rows[i]];
                    float[] dn = neuron.inputGradient(model, points).toArray();
                    float[] df = neuron.outputGradient(model, points, pt);
                    for (int i = 0; i < rows.length; i++) {
                        for (int j = 0; j < rs; j++) dn[i * rs + j] *= df[i];
                    }
                    return dn;
                });
    }
}
