package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/** torch.gather along an axis and its adjoint (scatter-add), on contiguous data. */
final class GatherKernels {
    private GatherKernels() {}

    static Tensor gather(Tensor x, int axis, int[] index, int[] indexShape) {
        Tensor xc = x.contiguous();
        int[] xs = xc.shape();
        check(xs, axis, indexShape);
        Tensor out = Tensor.zeros(indexShape);
        float[] in = xc.data(), o = out.data();
        walk(xs, axis, index, indexShape, (outPos, inPos) -> o[outPos] = in[xc.offset() + inPos]);
        return out;
    }

    static Tensor gatherBackward(int[] xShape, int axis, int[] index, int[] indexShape, Tensor g) {
        Tensor gc = g.contiguous();
        Tensor out = Tensor.zeros(xShape);
        float[] gd = gc.data(), o = out.data();
        walk(xShape, axis, index, indexShape, (outPos, inPos) -> o[inPos] += gd[gc.offset() + outPos]);
        return out;
    }

    private interface Visit {
        void at(int outPos, int inPos);
    }

    /** Visits every index position in row-major order with the matching source position in x. */
    private static void walk(int[] xs, int axis, int[] index, int[] is, Visit v) {
        int[] xStr = Shape.contiguousStrides(xs);
        int n = Shape.numel(is);
        int[] idx = new int[is.length];
        for (int p = 0; p < n; p++) {
            int rem = p;
            for (int a = is.length - 1; a >= 0; a--) {
                idx[a] = rem % is[a];
                rem /= is[a];
            }
            int k = index[p];
            if (k < 0) k += xs[axis];
            if (k < 0 || k >= xs[axis]) {
                throw new IndexOutOfBoundsException("gather: index " + index[p] + " out of range for axis " + axis
                        + " of size " + xs[axis]);
            }
            int src = 0;
            for (int a = 0; a < is.length; a++) src += (a == axis ? k : idx[a]) * xStr[a];
            v.at(p, src);
        }
    }

    private static void check(int[] xs, int axis, int[] is) {
        if (is.length != xs.length) {
            throw new ShapeException("gather: index of rank " + is.length + " for input " + Shape.str(xs));
        }
        for (int a = 0; a < xs.length; a++) {
            if (a != axis && is[a] > xs[a]) {
                throw new ShapeException("gather: index shape " + Shape.str(is) + " exceeds input " + Shape.str(xs) + " on axis " + a);
            }
        }
    }
}
