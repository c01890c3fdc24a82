package org.xai4j.engine.tensor;

import java.util.Arrays;

/** Static helpers on shapes (int[]): sizes, row-major strides, NumPy broadcasting, axis normalization. */
public final class Shape {
    /** Largest element count a tensor may hold: one Java float[]. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shape() {}

    /** Number of elements: the product of the sizes (1 for a scalar). Refuses negative sizes and overflow. */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative size in shape " + str(shape));
            n *= s;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than " + MAX_ELEMENTS
                        + " elements (the most a float32 tensor can hold)");
            }
        }
        return (int) n;
    }

    /** Row-major (C order) strides for a shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    /** The NumPy broadcast of two shapes; the error names the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length), db = i - (r - b.length);
            int sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1;
            if (sa == sb || sb == 1) out[i] = sa;
            else if (sa == 1) out[i] = sb;
            else throw new ShapeException(op + ": shapes " + str(a) + " and " + str(b)
                    + " cannot be broadcast (axis " + i + ": " + sa + " vs " + sb + ")");
        }
        return out;
    }

    /** Normalizes a possibly negative axis against a rank; the error names the op. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** Normalized, sorted, de-duplicated axes; an empty or null array means every axis. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        int[] n = new int[axes.length];
        for (int i = 0; i < axes.length; i++) n[i] = axis(op, axes[i], rank);
        return Arrays.stream(n).distinct().sorted().toArray();
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }

    public static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
