package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.BackwardRule;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * The gradient of one unit of a layer with respect to the input, ∂h[index]/∂x, as Captum 0.7
 * {@code NeuronGradient(model, layer).attribute(x, neuron_selector)}; with ReLU's backward rule replaced,
 * {@code NeuronGuidedBackprop} and {@code NeuronDeconvolution} (Springenberg et al. 2015; Zeiler and Fergus
 * 2014), scoped per recorded node as in {@link GuidedBackprop}. The target is not used.
 */
public final class NeuronGradient implements AttributionMethod {
    private final NeuronAttributionOptions options;
    private final String name;
    private final BackwardRule reluRule;

    private NeuronGradient(NeuronAttributionOptions options, String name, BackwardRule reluRule) {
        this.options = options;
        this.name = name;
        this.reluRule = reluRule;
    }

    /** Plain gradients ({@code neuron-gradient}). */
    public NeuronGradient(NeuronAttributionOptions options) {
        this(options, "neuron-gradient", null);
    }

    /** Guided backpropagation of the unit ({@code neuron-guided-backprop}). */
    public static NeuronGradient guidedBackprop(NeuronAttributionOptions options) {
        return new NeuronGradient(options, "neuron-guided-backprop", ReluRules.GUIDED);
    }

    /** Deconvolution of the unit ({@code neuron-deconvolution}). */
    public static NeuronGradient deconvolution(NeuronAttributionOptions options) {
        return new NeuronGradient(options, "neuron-deconvolution", ReluRules.DECONVOLUTION);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        Neuron neuron = Neuron.of(model, inputs, options);
        return GradientSupport.byChunks(inputs, new int[inputs.size(0)], options.batchSize(), (x, t, first) -> {
            if (reluRule == null) return neuron.inputGradient(model, x);
            try (GradMode.Scope scope = Gradients.override(OpType.RELU, reluRule)) {
                return neuron.inputGradient(model, x);
            }
        });
    }
}
