package org.xai4j.explain.perturbation;

import org.xai4j.engine.tensor.Shape;

/**
 * Where Captum 0.7's {@code Occlusion} places its sliding windows over a row of shape D (the non-batch
 * axes): along axis a there are {@code ceil((D[a] - W[a]) / S[a]) + 1} window starts 0, S, 2S, ...;
 * when (D - W) is not a multiple of S the last start passes D - W and that window is cut at the edge
 * (Captum pads the window with a negative amount, which crops it). Windows are numbered with axis 0
 * varying fastest, as Captum's {@code _occlusion_mask} decodes its feature index.
 */
final class WindowGrid {
    private final int[] dims;
    private final int[] window;
    private final int[] stride;
    private final int[] counts;
    private final int[] rowStrides;
    private final int windows;

    WindowGrid(int[] dims, int[] window, int[] stride) {
        if (window.length != dims.length) {
            throw new IllegalArgumentException("--window has " + window.length + " sizes but an input row has "
                    + dims.length + " axes " + Shape.str(dims));
        }
        if (stride.length != dims.length) {
            throw new IllegalArgumentException("--stride has " + stride.length + " sizes but an input row has "
                    + dims.length + " axes " + Shape.str(dims));
        }
        this.dims = dims.clone();
        this.window = window.clone();
        this.stride = stride.clone();
        this.counts = new int[dims.length];
        long total = 1;
        for (int a = 0; a < dims.length; a++) {
            if (window[a] < 1 || window[a] > dims[a]) {
                throw new IllegalArgumentException("--window " + Shape.str(window) + " does not fit an input row of shape "
                        + Shape.str(dims) + " (each size must be in [1, axis size])");
            }
            if (stride[a] < 1) throw new IllegalArgumentException("--stride sizes must be >= 1, got " + Shape.str(stride));
            counts[a] = (dims[a] - window[a] + stride[a] - 1) / stride[a] + 1; // ceil((D - W) / S) + 1
            total *= counts[a];
        }
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("too many occlusion windows: " + total);
        this.windows = (int) total;
        this.rowStrides = Shape.contiguousStrides(dims);
    }

    int windows() {
        return windows;
    }

    /** Largest number of elements one window covers. */
    int maxElements() {
        return Shape.numel(window);
    }

    /**
     * The flat row indices covered by window k.
     *
     * @param out Modified: its first (returned) entries receive the indices; length at least maxElements().
     * @return how many elements the window covers
     */
    int elements(int k, int[] out) {
        int rank = dims.length;
        int[] begin = new int[rank];
        int[] end = new int[rank];
        int rest = k;
        for (int a = 0; a < rank; a++) {
            begin[a] = (rest % counts[a]) * stride[a];
            end[a] = Math.min(begin[a] + window[a], dims[a]);
            rest /= counts[a];
            if (begin[a] >= end[a]) return 0; // a window started past the edge covers nothing
        }
        // runs along the last axis are consecutive flat indices: the odometer steps over the other axes
        int n = 0, last = rank - 1, run = end[last] - begin[last], lastStride = rowStrides[last];
        int[] index = begin.clone();
        while (true) {
            int flat = 0;
            for (int a = 0; a < last; a++) flat += index[a] * rowStrides[a];
            flat += begin[last] * lastStride;
            for (int j = 0; j < run; j++) out[n++] = flat + j * lastStride;
            int a = last - 1;
            while (a >= 0 && ++index[a] == end[a]) {
                index[a] = begin[a];
                a--;
            }
            if (a < 0) return n;
        }
    }

    /** Windows' elements kept by {@link #allElements} at most: 4 M indices (16 MB). */
    private static final long MAX_KEPT_ELEMENTS = 1 << 22;

    /**
     * Every window's elements ({@link #elements}), computed once, when they fit {@link #MAX_KEPT_ELEMENTS}
     * (a method visits each window three times per row: coverage, perturbation, accumulation); null when
     * they do not, and the caller computes each window's as it goes.
     */
    int[][] allElements() {
        int k = windows();
        if ((long) k * maxElements() > MAX_KEPT_ELEMENTS) return null;
        int[][] all = new int[k][];
        int[] buffer = new int[maxElements()];
        for (int w = 0; w < k; w++) all[w] = java.util.Arrays.copyOf(buffer, elements(w, buffer));
        return all;
    }
}
