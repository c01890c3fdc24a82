package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.tensor.Tensor;

/** Max pooling (gradient to the first maximum of each window) and average pooling. */
final class PoolOps {
    private PoolOps() {}

    static Tensor maxPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, boolean ceilMode) {
        return new MaxPool(PoolSpec.of("MaxPool", x.shape(), kernel, strides, padsBegin, padsEnd, dilations, ceilMode)).apply(x);
    }

    static Tensor avgPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, boolean ceilMode, boolean countIncludePad) {
        int[] ones = new int[kernel.length];
        java.util.Arrays.fill(ones, 1);
        return new AvgPool(PoolSpec.of("AveragePool", x.shape(), kernel, strides, padsBegin, padsEnd, ones, ceilMode), countIncludePad).apply(x);
    }

    static final class MaxPool extends Op {
        private final PoolSpec spec;
        MaxPool(PoolSpec spec) { this.spec = spec; }
        public OpType type() { return OpType.MAX_POOL; }
        protected Tensor forward(Tensor[] in, Saved s) {
            // the argmax only serves the backward pass: not searched for when nothing is recorded
            int[] argmax = s == null ? null : new int[spec.planes() * spec.oh() * spec.ow()];
            Tensor y = Backends.of(in[0]).maxPool(in[0], spec, argmax);
            if (s != null) s.save(argmax);
            return y;
        }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            int[] argmax = n.saved(0);
            return new Tensor[] {Backends.of(g).maxPoolBackward(g, argmax, spec, n.input(0).shape())};
        }
    }

    static final class AvgPool extends Op {
        private final PoolSpec spec;
        private final boolean countIncludePad;
        AvgPool(PoolSpec spec, boolean countIncludePad) { this.spec = spec; this.countIncludePad = countIncludePad; }
        public OpType type() { return OpType.AVERAGE_POOL; }
        protected Tensor forward(Tensor[] in, Saved s) { return Backends.of(in[0]).avgPool(in[0], spec, countIncludePad); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            return new Tensor[] {Backends.of(g).avgPoolBackward(g, spec, countIncludePad, n.input(0).shape())};
        }
    }
}
