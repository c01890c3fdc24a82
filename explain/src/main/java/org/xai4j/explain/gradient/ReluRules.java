package org.xai4j.explain.gradient;

import org.xai4j.engine.autodiff.BackwardRule;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.tensor.Tensor;

/**
 * The two modified ReLU backward rules, as Captum 0.7 {@code ModifiedReluGradientAttribution}'s hook
 * {@code F.relu(grad_input or grad_output)}. Installed with {@code Gradients.override}, so they apply
 * per recorded node: a ReLU op reused at several nodes gets the rule at each of them.
 */
final class ReluRules {
    private ReluRules() {}

    /** Guided backprop (Springenberg et al. 2015): ReLU(ReLU's own gradient) = g · 1[x > 0] · 1[g > 0]. */
    static final BackwardRule GUIDED = (node, g, needs) ->
            new Tensor[] {relu(node.op().vjp(node, g, needs)[0])};

    /** Deconvolution (Zeiler and Fergus 2014): ReLU(g), ignoring the forward input's sign. */
    static final BackwardRule DECONVOLUTION = (node, g, needs) -> new Tensor[] {relu(g)};

    private static Tensor relu(Tensor t) {
        return Backends.of(t).unary(UnaryKind.RELU, t, 0f, 0f);
    }

    /** The input gradient with ReLU's backward rule replaced by {@code rule} for the call (scoped, per node). */
    static Tensor inputGradientUnder(BackwardRule rule, String method, Model model,
                                     Tensor inputs, int[] targets, int batchSize) {
        GradientSupport.checkSingleInput(model, method);
        int[] t = GradientSupport.targets(model, inputs, targets, batchSize);
        return GradientSupport.byChunks(inputs, t, batchSize, (x, tt, first) -> {
            try (GradMode.Scope scope = Gradients.override(OpType.RELU, rule)) {
                return GradientSupport.inputGradient(model, x, tt);
            }
        });
    }
}
