package org.xai4j.engine.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional array in host memory, C (row-major) order: the value type that {@link Npy}
 * and {@link Safetensors} read and write, independent of the engine's Tensor. Factories copy their input
 * and accessors return copies, so an instance never changes.
 */
public final class HostArray {
    /** Largest element count: one Java array (the same cap as the engine's tensors). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final DType dtype;
    private final int[] shape;
    private final int size;
    // One of float[], double[], long[], int[], boolean[] (BOOL) or byte[] (UINT8), matching dtype.
    private final Object data;

    /** Takes ownership of {@code data} (no copy); callers have validated the shape. */
    HostArray(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = java.lang.reflect.Array.getLength(data);
        this.data = data;
    }

    /** A float32 array; data is copied and its length must equal the product of shape. */
    public static HostArray ofFloat(int[] shape, float[] data) {
        return of(DType.FLOAT32, shape, data.clone(), data.length);
    }

    /** A float64 array; data is copied. */
    public static HostArray ofDouble(int[] shape, double[] data) {
        return of(DType.FLOAT64, shape, data.clone(), data.length);
    }

    /** An int64 array; data is copied. */
    public static HostArray ofLong(int[] shape, long[] data) {
        return of(DType.INT64, shape, data.clone(), data.length);
    }

    /** An int32 array; data is copied. */
    public static HostArray ofInt(int[] shape, int[] data) {
        return of(DType.INT32, shape, data.clone(), data.length);
    }

    /** A bool array; data is copied. */
    public static HostArray ofBool(int[] shape, boolean[] data) {
        return of(DType.BOOL, shape, data.clone(), data.length);
    }

    /** A uint8 array; each byte is read as unsigned (0..255); data is copied. */
    public static HostArray ofUint8(int[] shape, byte[] data) {
        return of(DType.UINT8, shape, data.clone(), data.length);
    }

    private static HostArray of(DType dtype, int[] shape, Object copy, int length) {
        Objects.requireNonNull(shape, "shape");
        long n = elementCount(shape);
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but " + length + " " + dtype.numpyName() + " values were given");
        }
        return new HostArray(dtype, shape.clone(), copy);
    }

    /** Product of the sizes (1 for a scalar); refuses negative sizes and more than {@link #MAX_ELEMENTS}. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
        }
        for (int s : shape) {
            n *= s;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements");
            }
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    /** The sizes, outermost first; a copy. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The array's data held without copying, for the readers and writers of this package. */
    Object rawData() {
        return data;
    }

    /** Values as float32 (float64 and int64 round to nearest; bool is 0 or 1). */
    public float[] toFloatArray() {
        if (data instanceof float[]) return ((float[]) data).clone();
        float[] out = new float[size];
        if (dtype == DType.INT64) {
            // long -> float directly: going through double could round twice.
            for (int i = 0; i < size; i++) out[i] = ((long[]) data)[i];
        } else {
            for (int i = 0; i < size; i++) out[i] = (float) doubleAt(i);
        }
        return out;
    }

    /** Values as float64 (int64 beyond 2^53 rounds; bool is 0 or 1). */
    public double[] toDoubleArray() {
        if (data instanceof double[]) return ((double[]) data).clone();
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = doubleAt(i);
        return out;
    }

    /** Values as int64; only for integer and bool arrays (a float array would need a rounding choice). */
    public long[] toLongArray() {
        if (data instanceof long[]) return ((long[]) data).clone();
        requireIntegral("toLongArray");
        long[] out = new long[size];
        for (int i = 0; i < size; i++) out[i] = longAt(i);
        return out;
    }

    /** Values as int32; only for integer and bool arrays, and every int64 value must fit. */
    public int[] toIntArray() {
        if (data instanceof int[]) return ((int[]) data).clone();
        requireIntegral("toIntArray");
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            long v = longAt(i);
            if (v != (int) v) {
                throw new ArithmeticException("int64 value " + v + " at flat index " + i + " does not fit an int32");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** Values of a bool array. */
    public boolean[] toBooleanArray() {
        if (dtype != DType.BOOL) {
            throw new IllegalStateException("toBooleanArray needs a bool array, this one is " + dtype.numpyName());
        }
        return ((boolean[]) data).clone();
    }

    private void requireIntegral(String method) {
        if (!dtype.isIntegral()) {
            throw new IllegalStateException(method + " needs an integer or bool array, this one is "
                    + dtype.numpyName() + "; use toFloatArray or toDoubleArray");
        }
    }

    private double doubleAt(int i) {
        switch (dtype) {
            case FLOAT32: return ((float[]) data)[i];
            case FLOAT64: return ((double[]) data)[i];
            default: return longAt(i);
        }
    }

    private long longAt(int i) {
        switch (dtype) {
            case INT64: return ((long[]) data)[i];
            case INT32: return ((int[]) data)[i];
            case BOOL: return ((boolean[]) data)[i] ? 1 : 0;
            case UINT8: return ((byte[]) data)[i] & 0xFF;
            default: throw new IllegalStateException("not an integer array: " + dtype);
        }
    }

    /** Equal when dtype, shape and every element are equal (floats compared bit-for-bit, as Arrays.equals). */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof HostArray)) return false;
        HostArray other = (HostArray) o;
        return dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {other.data});
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.deepHashCode(new Object[] {data});
    }

    /** dtype and shape, e.g. {@code HostArray(float32, [2, 3])}. */
    @Override
    public String toString() {
        return "HostArray(" + dtype.numpyName() + ", " + Arrays.toString(shape) + ")";
    }
}
