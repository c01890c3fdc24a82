package org.xai4j.engine.nn;

import java.util.List;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/** Updates parameters in place from their gradients, one step per call. */
public abstract class Optimizer {
    protected final List<Parameter> parameters;

    protected Optimizer(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** Differentiates the scalar loss with respect to every parameter and takes one step. */
    public final void minimize(Tensor loss) {
        Tensor[] wrt = new Tensor[parameters.size()];
        for (int i = 0; i < wrt.length; i++) wrt[i] = parameters.get(i).value();
        step(Gradients.gradOfSum(loss, wrt));
    }

    /** One step with the given gradients, one per parameter, in the order of the parameter list. */
    public final void step(Tensor[] grads) {
        if (grads.length != parameters.size()) {
            throw new IllegalArgumentException("got " + grads.length + " gradients for " + parameters.size() + " parameters");
        }
        for (int i = 0; i < grads.length; i++) {
            Parameter p = parameters.get(i);
            if (!Shape.same(grads[i].shape(), p.value().shape())) {
                throw new IllegalArgumentException("gradient of " + p.name() + " has shape " + Shape.str(grads[i].shape())
                        + ", the parameter " + Shape.str(p.value().shape()));
            }
            update(i, p.data(), grads[i].contiguous().toArray());
        }
    }

    /**
     * @param index the parameter's position (for per-parameter state)
     * @param w     Modified: the parameter's values
     * @param g     the gradient; not modified
     */
    protected abstract void update(int index, float[] w, float[] g);
}
