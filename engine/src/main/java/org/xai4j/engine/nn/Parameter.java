package org.xai4j.engine.nn;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * A trainable tensor with a name ("0.weight"): a leaf that requires grad, whose values optimizers
 * update in place between steps (so the same tensor object stays on every later tape).
 */
public final class Parameter {
    private final String name;
    private final Tensor value;

    /** @param value its values become this parameter's (not copied); marked as requiring grad */
    public Parameter(String name, Tensor value) {
        if (!value.isContiguous() || value.offset() != 0 || value.data().length != value.numel()) {
            throw new IllegalArgumentException("parameter '" + name + "' must own a contiguous array, got a view of shape "
                    + Shape.str(value.shape()));
        }
        this.name = name;
        this.value = value.requiresGrad(true);
    }

    public String name() {
        return name;
    }

    /** The tensor to use in forward passes and to differentiate with respect to. */
    public Tensor value() {
        return value;
    }

    /** The values, row-major; Modified by optimizers and weight loading. */
    public float[] data() {
        return value.data();
    }

    /** The same parameter under a hierarchical name (a module inside a Sequential). */
    Parameter renamed(String prefix) {
        return new Parameter(prefix + name, value);
    }

    @Override
    public String toString() {
        return "Parameter " + name + " " + Shape.str(value.shape());
    }
}
