package org.xai4j.engine.autodiff;

import org.xai4j.engine.tensor.Tensor;

/**
 * A differentiable primitive: its forward computation and its vector-Jacobian product side by side
 * (as JAX writes a primitive's rule under its definition). Instances carry the op's attributes
 * (stride, axis, ...). {@link #apply} runs the forward and, when gradients are being recorded and
 * an input requires them, records a {@link Node} on the output.
 */
public abstract class Op implements BackwardRule {

    /** Which primitive this is: recorded on each {@link Node}, the key for {@link Gradients#override}. */
    public abstract OpType type();

    /** The primitive's name in messages ("MaxPool"). */
    public final String name() {
        return type().opName();
    }

    /**
     * Computes the output. {@code saved} is non-null only when the application is recorded;
     * the forward stores there what its backward needs beyond inputs and output.
     */
    protected abstract Tensor forward(Tensor[] inputs, Saved saved);

    /** Runs the op, recording it when grad mode is on and any input requires grad. */
    public final Tensor apply(Tensor... inputs) {
        boolean record = false;
        if (GradMode.isEnabled()) {
            for (Tensor t : inputs) {
                if (t != null && t.requiresGrad()) {
                    record = true;
                    break;
                }
            }
        }
        if (!record) return forward(inputs, null);
        Saved saved = new Saved();
        Tensor out = forward(inputs, saved);
        if (out.gradFn() != null || out.requiresGrad() || isInput(out, inputs)) {
            // a forward that returned an existing tensor (identity) gets a fresh view to own the node
            out = org.xai4j.engine.tensor.Views.of(out, out.offset(), out.shape(), out.strides());
        }
        out.setGradFn(new Node(this, inputs.clone(), out, saved.items()));
        return out;
    }

    private static boolean isInput(Tensor out, Tensor[] inputs) {
        for (Tensor t : inputs) if (t == out) return true;
        return false;
    }

    @Override
    public String toString() {
        return name();
    }
}
