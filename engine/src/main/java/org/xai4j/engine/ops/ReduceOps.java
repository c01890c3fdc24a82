package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

/**
 * Sum, mean and max over axes. Backward: sum spreads g over the reduced axes, mean spreads g / R, max
 * splits g evenly among the positions equal to the max (as torch.amax).
 */
final class ReduceOps {
    private ReduceOps() {}

    static final class Reduce extends Op {
        private final ReduceKind kind;
        private final int[] axes;
        private final boolean keepDims;

        Reduce(ReduceKind kind, int[] axes, boolean keepDims) {
            this.kind = kind;
            this.axes = axes == null ? null : axes.clone();
            this.keepDims = keepDims;
        }

        public OpType type() {
            switch (kind) {
                case SUM: return OpType.REDUCE_SUM;
                case MEAN: return OpType.REDUCE_MEAN;
                case MAX: return OpType.REDUCE_MAX;
                default: return OpType.REDUCE_MIN;
            }
        }

        protected Tensor forward(Tensor[] in, Saved s) {
            return Backends.of(in[0]).reduce(kind, in[0], Shape.axes(name(), axes, in[0].dim()), keepDims);
        }

        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            Tensor x = n.input(0);
            int[] xs = x.shape();
            int[] ax = Shape.axes(name(), axes, xs.length);
            int[] kept = xs.clone();
            for (int a : ax) kept[a] = 1;
            Tensor gk = Views.reshape(g, kept);
            switch (kind) {
                case SUM:
                    return new Tensor[] {Views.expand(gk, xs)};
                case MEAN: {
                    int r = 1;
                    for (int a : ax) r *= xs[a];
                    return new Tensor[] {Views.expand(Ops.scale(gk, 1f / r), xs)};
                }
                default: {
                    Tensor yk = Views.reshape(n.output(), kept);
                    Tensor mask = Backends.of(x, yk).binary(BinaryKind.EQ, x, yk, 0, 0);
                    Tensor count = Backends.of(mask).reduce(ReduceKind.SUM, mask, ax, true);
                    Tensor share = Backends.of(gk, count).binary(BinaryKind.DIV, gk, count, 0, 0);
                    return new Tensor[] {Backends.of(mask, share).binary(BinaryKind.MUL, mask, share, 0, 0)};
                }
            }
        }
    }
}
