package org.xai4j.engine.tensor;

import org.xai4j.engine.autodiff.Node;

import java.util.Arrays;

/**
 * An N-dimensional float32 array: a row-major storage array viewed through a shape, strides and an
 * offset, so reshape, transpose, slice and expand are views that copy nothing (see {@link Views}).
 *
 * <p>A tensor produced by a recorded op remembers the {@link Node} that made it; a leaf marked with
 * {@link #requiresGrad(boolean)} starts recording. Differentiable operations live in
 * {@code org.xai4j.engine.ops.Ops}; methods here never record anything.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int[] strides;
    private final int numel;
    private Node gradFn;
    private boolean requiresGrad;

    Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.numel = Shape.numel(shape);
    }

    // ---- creation ----------------------------------------------------------------------------

    /** Wraps {@code data} (not copied; later writes show through) as a contiguous tensor of {@code shape}. */
    public static Tensor of(float[] data, int... shape) {
        int n = Shape.numel(shape);
        if (data.length != n) {
            throw new ShapeException("Tensor.of: shape " + Shape.str(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        return new Tensor(data, 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /** A 0-d tensor holding one value. */
    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /** A new contiguous tensor of zeros (its storage recycled inside a {@link TensorMemory#recycling()} scope). */
    public static Tensor zeros(int... shape) {
        return new Tensor(TensorMemory.allocate(Shape.numel(shape), true), 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /**
     * A new contiguous tensor whose values are undefined (zeros, unless its storage is recycled inside a
     * {@link TensorMemory#recycling()} scope): for kernels that write every element of their output.
     */
    public static Tensor empty(int... shape) {
        return new Tensor(TensorMemory.allocate(Shape.numel(shape), false), 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = empty(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A new contiguous tensor with {@code shape} whose values are {@code values} converted to float. */
    public static Tensor ofDoubles(double[] values, int... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return of(f, shape);
    }

    // ---- geometry ----------------------------------------------------------------------------

    /** The sizes (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The strides in elements (a copy). */
    public int[] strides() {
        return strides.clone();
    }

    public int dim() {
        return shape.length;
    }

    /** Size of an axis; negative axes count from the end. */
    public int size(int axis) {
        return shape[Shape.axis("size", axis, shape.length)];
    }

    public int numel() {
        return numel;
    }

    public int offset() {
        return offset;
    }

    /** The backing array, shared with every view of it; index it with {@link #offset()} and {@link #strides()}. */
    public float[] data() {
        return data;
    }

    /** Whether the elements lie in row-major order from {@link #offset()} with no gaps. */
    public boolean isContiguous() {
        int expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expect) return false;
            expect *= shape[i];
        }
        return true;
    }

    /** This tensor if contiguous, else a contiguous copy (not recorded; see Ops for the differentiable form). */
    public Tensor contiguous() {
        if (isContiguous()) return this;
        Tensor out = zeros(shape);
        StridedCopy.copy(this, out);
        return out;
    }

    /** The values in row-major order, always a fresh array. */
    public float[] toArray() {
        if (isContiguous()) return Arrays.copyOfRange(data, offset, offset + numel);
        return contiguous().data;
    }

    /** The value at a multi-index. */
    public float get(int... index) {
        return data[flatIndex(index)];
    }

    /** Sets the value at a multi-index. Modifies the storage shared with every view. */
    public void set(float value, int... index) {
        data[flatIndex(index)] = value;
    }

    /** The only value of a one-element tensor. */
    public float item() {
        if (numel != 1) throw new ShapeException("item: tensor of shape " + Shape.str(shape) + " has " + numel + " values");
        return data[offset];
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new ShapeException("index of rank " + index.length + " for tensor of shape " + Shape.str(shape));
        }
        int o = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape " + Shape.str(shape));
            }
            o += index[i] * strides[i];
        }
        return o;
    }

    // ---- autodiff bookkeeping ----------------------------------------------------------------

    /** Marks a leaf so that ops on it are recorded and gradients can be taken with respect to it. */
    public Tensor requiresGrad(boolean flag) {
        this.requiresGrad = flag;
        return this;
    }

    /** True for a marked leaf or a tensor produced by a recorded op. */
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /** The recorded op that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Attaches the recorded op that produced this tensor; called by the tape only. */
    public void setGradFn(Node node) {
        this.gradFn = node;
    }

    /** A tensor sharing this one's values but cut from the tape: a leaf that does not require grad. */
    public Tensor detach() {
        return new Tensor(data, offset, shape, strides);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.str(shape)).append(' ');
        if (numel <= 16) sb.append(Arrays.toString(toArray()));
        else sb.append("(").append(numel).append(" values)");
        return sb.toString();
    }
}
