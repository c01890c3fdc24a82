package org.xai4j.engine.tensor;

/** Copies between arbitrarily strided tensors of the same shape, walking the innermost axis as a run. */
public final class StridedCopy {
    private StridedCopy() {}

    /**
     * dst[i] = src[i] for every multi-index i.
     *
     * @param src not modified
     * @param dst Modified; must not overlap src unless identical
     */
    public static void copy(Tensor src, Tensor dst) {
        int[] shape = src.shape();
        if (!Shape.same(shape, dst.shape())) {
            throw new ShapeException("copy: shapes " + Shape.str(shape) + " and " + Shape.str(dst.shape()) + " differ");
        }
        int n = src.numel();
        if (n == 0) return;
        float[] s = src.data(), d = dst.data();
        if (src.isContiguous() && dst.isContiguous()) {
            System.arraycopy(s, src.offset(), d, dst.offset(), n);
            return;
        }
        int r = shape.length;
        int[] ss = src.strides(), ds = dst.strides();
        int inner = r == 0 ? 1 : shape[r - 1];
        int sIn = r == 0 ? 0 : ss[r - 1], dIn = r == 0 ? 0 : ds[r - 1];
        int[] idx = new int[Math.max(0, r - 1)];
        int so = src.offset(), dO = dst.offset();
        int rows = n / inner;
        for (int row = 0; row < rows; row++) {
            if (sIn == 1 && dIn == 1) {
                System.arraycopy(s, so, d, dO, inner);
            } else {
                for (int k = 0, a = so, b = dO; k < inner; k++, a += sIn, b += dIn) d[b] = s[a];
            }
            // advance the outer multi-index (odometer)
            for (int ax = r - 2; ax >= 0; ax--) {
                idx[ax]++;
                so += ss[ax];
                dO += ds[ax];
                if (idx[ax] < shape[ax]) break;
                so -= ss[ax] * shape[ax];
                dO -= ds[ax] * shape[ax];
                idx[ax] = 0;
            }
        }
    }
}
