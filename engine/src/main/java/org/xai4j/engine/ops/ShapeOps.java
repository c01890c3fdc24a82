package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.StridedCopy;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

/** Ops that move or select values without arithmetic: reshape, permute, slice, expand, concat, copy. */
final class ShapeOps {
    private ShapeOps() {}

    /** Reshape (also flatten, squeeze, unsqueeze): the gradient is reshaped back. */
    static final class Reshape extends Op {
        private final int[] shape;
        Reshape(int[] shape) { this.shape = shape.clone(); }
        public OpType type() { return OpType.RESHAPE; }
        protected Tensor forward(Tensor[] in, Saved s) { return Views.reshape(in[0], shape); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {Views.reshape(g, n.input(0).shape())}; }
    }

    /** Axis permutation: the gradient is permuted by the inverse. */
    static final class Permute extends Op {
        private final int[] perm;
        Permute(int[] perm) { this.perm = perm.clone(); }
        public OpType type() { return OpType.TRANSPOSE; }
        protected Tensor forward(Tensor[] in, Saved s) { return Views.permute(in[0], perm); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            int[] inv = new int[perm.length];
            for (int i = 0; i < perm.length; i++) inv[Shape.axis("Transpose", perm[i], perm.length)] = i;
            return new Tensor[] {Views.permute(g, inv)};
        }
    }

    /** A strided slice along one axis: the gradient is scattered into zeros. */
    static final class Slice extends Op {
        private final int axis, start, end, step;
        Slice(int axis, int start, int end, int step) { this.axis = axis; this.start = start; this.end = end; this.step = step; }
        public OpType type() { return OpType.SLICE; }
        protected Tensor forward(Tensor[] in, Saved s) { return Views.slice(in[0], axis, start, end, step); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            Tensor dx = Tensor.zeros(n.input(0).shape());
            StridedCopy.copy(g, Views.slice(dx, axis, start, end, step));
            return new Tensor[] {dx};
        }
    }

    /** Broadcast to a larger shape (a stride-0 view); the walk's un-broadcast sums the gradient back. */
    static final class Expand extends Op {
        private final int[] shape;
        Expand(int[] shape) { this.shape = shape.clone(); }
        public OpType type() { return OpType.EXPAND; }
        protected Tensor forward(Tensor[] in, Saved s) { return Views.expand(in[0], shape); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {g}; }
    }

    /** A contiguous copy; the gradient passes unchanged. */
    static final class Contiguous extends Op {
        public OpType type() { return OpType.IDENTITY; }
        protected Tensor forward(Tensor[] in, Saved s) { return Backends.of(in[0]).copy(in[0]); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {g}; }
    }

    /** Concatenation along an axis: each input's gradient is its slice of g. */
    static final class Concat extends Op {
        private final int axis;
        Concat(int axis) { this.axis = axis; }
        public OpType type() { return OpType.CONCAT; }
        protected Tensor forward(Tensor[] in, Saved s) {
            if (in.length == 0) throw new ShapeException("Concat: no inputs");
            int r = in[0].dim();
            int ax = Shape.axis("Concat", axis, r);
            int[] shape = in[0].shape();
            int total = 0;
            for (Tensor t : in) {
                int[] ts = t.shape();
                if (ts.length != r) throw new ShapeException("Concat: ranks differ: " + Shape.str(shape) + " and " + Shape.str(ts));
                for (int i = 0; i < r; i++) {
                    if (i != ax && ts[i] != shape[i]) {
                        throw new ShapeException("Concat along axis " + ax + ": shapes " + Shape.str(shape) + " and " + Shape.str(ts) + " differ on axis " + i);
                    }
                }
                total += ts[ax];
            }
            shape[ax] = total;
            Tensor out = Tensor.zeros(shape);
            int at = 0;
            for (Tensor t : in) {
                int len = t.shape()[ax];
                StridedCopy.copy(t, Views.slice(out, ax, at, at + len, 1));
                at += len;
            }
            return out;
        }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            int ax = Shape.axis("Concat", axis, g.dim());
            Tensor[] res = new Tensor[n.inputCount()];
            int at = 0;
            for (int i = 0; i < res.length; i++) {
                int len = n.input(i).shape()[ax];
                if (needs[i]) res[i] = Views.slice(g, ax, at, at + len, 1);
                at += len;
            }
            return res;
        }
    }
}
