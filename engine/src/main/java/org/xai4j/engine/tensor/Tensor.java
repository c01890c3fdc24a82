package org.xai4j.engine.tensor;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.backend.Backends;

import java.util.Arrays;

/**
 * An N-dimensional float32 array: a row-major storage array viewed through a shape, strides and an
 * offset, so reshape, transpose, slice and expand are views that copy nothing (see {@link Views}).
 *
 * <p>A tensor produced by a recorded op remembers the {@link Node} that made it; a leaf marked with
 * {@link #requiresGrad(boolean)} starts recording. Differentiable operations live in
 * {@code org.xai4j.engine.ops.Ops}; methods here never record anything.
 *
 * <p>A tensor lives on one {@link Device}. A host tensor's storage is a Java array; a device tensor's is a
 * {@link DeviceStorage} its backend allocated, and the methods that hand out or index host values
 * ({@link #data()}, {@link #toArray()}, {@link #get}, {@link #set}, {@link #item()}) refuse it by name.
 * Moving is explicit: {@link #to(Device)}, {@link #toHost()}.
 */
public final class Tensor {
    private final float[] data;
    /** Null for a host tensor. */
    private final DeviceStorage storage;
    private final int offset;
    private final int[] shape;
    private final int[] strides;
    private final int numel;
    private Node gradFn;
    private boolean requiresGrad;

    Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this(data, null, offset, shape, strides);
    }

    private Tensor(float[] data, DeviceStorage storage, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.storage = storage;
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

    /**
     * A tensor over device memory, for backends: {@code storage} viewed through shape, strides and offset
     * (in floats) as a host array would be.
     */
    public static Tensor onDevice(DeviceStorage storage, int offset, int[] shape, int[] strides) {
        if (storage == null) throw new IllegalArgumentException("onDevice: storage is null");
        if (shape.length != strides.length) {
            throw new ShapeException("onDevice: shape " + Shape.str(shape) + " with " + strides.length + " strides");
        }
        return new Tensor(null, storage, offset, shape.clone(), strides.clone());
    }

    /** A contiguous tensor over device memory. */
    public static Tensor onDevice(DeviceStorage storage, int... shape) {
        return onDevice(storage, 0, shape, Shape.contiguousStrides(shape));
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

    /**
     * The backing array, shared with every view of it; index it with {@link #offset()} and {@link #strides()}.
     * Host tensors only: a device tensor refuses (see {@link #toHost()}).
     */
    public float[] data() {
        if (data == null) throw onDevice("data()");
        return data;
    }

    /** The device this tensor's storage lives on. */
    public Device device() {
        return storage == null ? Device.CPU : storage.device();
    }

    /** Whether this tensor lives in host memory (a Java array). */
    public boolean isHost() {
        return storage == null;
    }

    /** The device memory of a device tensor (for its backend); null for a host tensor. */
    public DeviceStorage storage() {
        return storage;
    }

    /** This tensor if it is on {@code device}, else a copy there (not recorded: the copy is a leaf). */
    public Tensor to(Device device) {
        if (device.equals(device())) return this;
        if (device.isHost()) return Backends.forDevice(device()).toHost(this);
        if (!isHost()) return Backends.forDevice(device).fromHost(toHost());
        return Backends.forDevice(device).fromHost(this);
    }

    /** This tensor if it is on the host, else a host copy. */
    public Tensor toHost() {
        return to(Device.CPU);
    }

    private IllegalStateException onDevice(String method) {
        return new IllegalStateException(method + ": tensor " + Shape.str(shape) + " lives on " + device()
                + "; copy it to the host first with toHost()");
    }

    /** A view of the same storage (host array or device memory); for {@link Views}. */
    Tensor view(int offset, int[] shape, int[] strides) {
        return new Tensor(data, storage, offset, shape, strides);
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
        if (storage != null) return Backends.forDevice(device()).copy(this);
        Tensor out = zeros(shape);
        StridedCopy.copy(this, out);
        return out;
    }

    /** The values in row-major order, always a fresh array. */
    public float[] toArray() {
        if (data == null) throw onDevice("toArray()");
        if (isContiguous()) return Arrays.copyOfRange(data, offset, offset + numel);
        // a copy even of the contiguous copy: inside a TensorMemory scope its storage goes back to the pool
        Tensor c = contiguous();
        return Arrays.copyOfRange(c.data, c.offset, c.offset + numel);
    }

    /** The value at a multi-index. */
    public float get(int... index) {
        if (data == null) throw onDevice("get()");
        return data[flatIndex(index)];
    }

    /** Sets the value at a multi-index. Modifies the storage shared with every view. */
    public void set(float value, int... index) {
        if (data == null) throw onDevice("set()");
        data[flatIndex(index)] = value;
    }

    /** The only value of a one-element tensor. */
    public float item() {
        if (numel != 1) throw new ShapeException("item: tensor of shape " + Shape.str(shape) + " has " + numel + " values");
        if (data == null) throw onDevice("item()");
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
        return new Tensor(data, storage, offset, shape, strides);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.str(shape)).append(' ');
        if (storage != null) sb.append("(on ").append(device()).append(")");
        else if (numel <= 16) sb.append(Arrays.toString(toArray()));
        else sb.append("(").append(numel).append(" values)");
        return sb.toString();
    }
}
