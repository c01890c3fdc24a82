package org.xai4j.explain;

import org.xai4j.engine.tensor.Shape;

/** NumPy broadcasting of a small array (a baseline, a feature mask) to an input's full shape. */
public final class Broadcast {
    private Broadcast() {}

    /**
     * For every element of {@code target} (row-major), the row-major index of the element of
     * {@code source} it reads under NumPy broadcasting (trailing axes aligned, size-1 axes repeated).
     *
     * @param what names the array in the error message, e.g. "baseline"
     */
    public static int[] indexMap(String what, int[] source, int[] target) {
        if (source.length > target.length) {
            throw new IllegalArgumentException(what + " of shape " + Shape.str(source) + " has more axes than the input "
                    + Shape.str(target));
        }
        int lead = target.length - source.length;
        int[] sourceStrides = Shape.contiguousStrides(source);
        int[] stride = new int[target.length];
        for (int a = 0; a < source.length; a++) {
            int s = source[a], t = target[lead + a];
            if (s != t && s != 1) {
                throw new IllegalArgumentException(what + " of shape " + Shape.str(source)
                        + " does not broadcast to the input shape " + Shape.str(target));
            }
            stride[lead + a] = s == 1 ? 0 : sourceStrides[a];
        }
        int n = Shape.numel(target);
        int[] map = new int[n];
        int[] index = new int[target.length];
        int src = 0;
        for (int i = 0; i < n; i++) {
            map[i] = src;
            // odometer increment over the target's axes, keeping the source offset in step
            for (int a = target.length - 1; a >= 0; a--) {
                if (++index[a] < target[a]) {
                    src += stride[a];
                    break;
                }
                src -= stride[a] * (target[a] - 1);
                index[a] = 0;
            }
        }
        return map;
    }
}
