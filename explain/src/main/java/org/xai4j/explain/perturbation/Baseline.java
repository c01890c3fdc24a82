package org.xai4j.explain.perturbation;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * The reference value an ablated or occluded element takes (the CLI's {@code --baseline}): one number
 * for every element, or a tensor broadcast to the input's shape (N, ...) by NumPy rules, so a (1, F) or
 * (F) baseline applies to every row and an (N, F) one gives each row its own. As Captum 0.7's
 * {@code baselines} argument; the default is 0.
 */
public final class Baseline {
    /** Every element ablated to 0 (Captum's default). */
    public static final Baseline ZERO = scalar(0f);

    private final float value;
    private final Tensor tensor;

    private Baseline(float value, Tensor tensor) {
        this.value = value;
        this.tensor = tensor;
    }

    /** The same value for every element. */
    public static Baseline scalar(float value) {
        return new Baseline(value, null);
    }

    /** A tensor broadcast to the input's shape; not copied. */
    public static Baseline of(Tensor tensor) {
        if (tensor == null) throw new IllegalArgumentException("baseline tensor is null");
        return new Baseline(0f, tensor);
    }

    public boolean isScalar() {
        return tensor == null;
    }

    /** The tensor of a tensor baseline, null for a scalar one. */
    public Tensor tensor() {
        return tensor;
    }

    /** The baseline value of every element of an input of {@code inputShape}, row-major. */
    public float[] resolve(int[] inputShape) {
        int n = Shape.numel(inputShape);
        float[] out = new float[n];
        if (tensor == null) {
            java.util.Arrays.fill(out, value);
            return out;
        }
        float[] src = tensor.toArray();
        int[] map = Broadcast.indexMap("baseline", tensor.shape(), inputShape);
        for (int i = 0; i < n; i++) out[i] = src[map[i]];
        return out;
    }

    @Override
    public String toString() {
        return tensor == null ? Float.toString(value) : "tensor" + Shape.str(tensor.shape());
    }
}
