package org.xai4j.engine.io.onnx.importer;

import java.util.Arrays;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * An integer tensor known exactly while the graph runs: int64 shapes, axes, pads and indices, as
 * ONNX passes them (initializers, Constant nodes, Shape outputs). Kept apart from the float32 tensors
 * so values above 2^24 stay exact and no gradient is recorded for them.
 *
 * @param values row-major values
 * @param shape  the tensor's shape (empty for a scalar)
 */
public record IntValue(long[] values, int[] shape) {
    public static IntValue vector(long... values) {
        return new IntValue(values, new int[] {values.length});
    }

    /** The values as ints, each checked to fit. */
    public int[] toInts() {
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, values[i]));
        return out;
    }

    public Tensor toTensor() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = values[i];
        return Tensor.of(f, shape.clone());
    }

    @Override
    public String toString() {
        return "int64" + Shape.str(shape) + Arrays.toString(values);
    }
}
