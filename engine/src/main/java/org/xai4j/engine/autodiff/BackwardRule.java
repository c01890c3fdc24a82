package org.xai4j.engine.autodiff;

import org.xai4j.engine.tensor.Tensor;

/**
 * A vector-Jacobian product: given the gradient of the loss with respect to a node's output, the
 * gradients with respect to its inputs. Each {@link Op} carries its default rule; explanation methods
 * may replace it for a scope with {@link Gradients#override}.
 */
@FunctionalInterface
public interface BackwardRule {
    /**
     * @param node    the recorded application (inputs, output, saved values); not modified
     * @param gradOut dL/d(output), shaped like the output; not modified
     * @param needs   which inputs need a gradient; a rule may return null for the others
     * @return one entry per input: dL/d(input), shaped like the input or broadcastable to it (the
     *         walk un-broadcasts), or null where not needed or not differentiable (integer inputs)
     */
    Tensor[] vjp(Node node, Tensor gradOut, boolean[] needs);
}
