package org.xai4j.engine.ops;

import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

/**
 * The one place where broadcast gradients are reduced back to their input's shape (as tinygrad's
 * compute_gradient does): ops return gradients at the broadcast shape and the backward walk calls
 * {@link #sumToShape}.
 */
public final class Broadcasting {
    private Broadcasting() {}

    /** Sums g over the axes along which {@code shape} was broadcast to g's shape. */
    public static Tensor sumToShape(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Shape.same(gs, shape)) return g;
        int lead = gs.length - shape.length;
        if (lead < 0) {
            throw new ShapeException("gradient of shape " + Shape.str(gs) + " cannot be reduced to " + Shape.str(shape));
        }
        int count = 0;
        int[] axes = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            int si = i - lead;
            if (si < 0 || (shape[si] == 1 && gs[i] != 1)) axes[count++] = i;
            else if (shape[si] != gs[i]) {
                throw new ShapeException("gradient of shape " + Shape.str(gs) + " cannot be reduced to " + Shape.str(shape));
            }
        }
        Tensor r = Backends.of(g).reduce(ReduceKind.SUM, g, java.util.Arrays.copyOf(axes, count), true);
        return Views.reshape(r, shape);
    }

    /** acc += g in place (acc is Modified: a contiguous accumulator owned by the caller). */
    public static void addInPlace(Tensor acc, Tensor g) {
        Backends.of(acc, g).addInPlace(acc, g);
    }

    /** A new tensor a + b. */
    public static Tensor addFresh(Tensor a, Tensor b) {
        return Backends.of(a, b).binary(BinaryKind.ADD, a, b, 0f, 0f);
    }
}
