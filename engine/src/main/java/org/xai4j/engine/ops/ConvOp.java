package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.tensor.Tensor;

/**
 * Convolution (cross-correlation) y = x * w + b. VJP: dx = the transposed convolution of g with w,
 * dw = the correlation of x with g, db = g summed over batch and space; each computed only if needed.
 */
final class ConvOp extends Op {
    private final int[] strides, padsBegin, padsEnd, dilations;
    private final int groups;

    private ConvOp(int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, int groups) {
        this.strides = strides.clone();
        this.padsBegin = padsBegin.clone();
        this.padsEnd = padsEnd.clone();
        this.dilations = dilations.clone();
        this.groups = groups;
    }

    static Tensor apply(Tensor x, Tensor w, Tensor bias, int[] strides, int[] padsBegin, int[] padsEnd,
                        int[] dilations, int groups) {
        ConvOp op = new ConvOp(strides, padsBegin, padsEnd, dilations, groups);
        return bias == null ? op.apply(x, w) : op.apply(x, w, bias);
    }

    public OpType type() { return OpType.CONV; }

    private ConvSpec spec(int[] x, int[] w) {
        return ConvSpec.of(x, w, strides, padsBegin, padsEnd, dilations, groups);
    }

    protected Tensor forward(Tensor[] in, Saved s) {
        Tensor bias = in.length > 2 ? in[2] : null;
        ConvSpec spec = spec(in[0].shape(), in[1].shape());
        if (bias != null && bias.numel() != spec.f()) {
            throw new org.xai4j.engine.tensor.ShapeException("Conv: bias has " + bias.numel() + " values for " + spec.f() + " filters");
        }
        return Backends.of(in[0], in[1], bias).convForward(in[0], in[1], bias, spec);
    }

    public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
        Tensor x = n.input(0), w = n.input(1);
        ConvSpec spec = spec(x.shape(), w.shape());
        var be = Backends.of(g, x, w);
        Tensor[] res = new Tensor[n.inputCount()];
        if (needs[0]) res[0] = be.convBackwardData(g, w, spec, x.shape());
        if (needs[1]) res[1] = be.convBackwardWeight(x, g, spec, w.shape());
        if (res.length > 2 && needs[2]) {
            int[] axes = new int[g.dim() - 1];
            axes[0] = 0;
            for (int i = 2; i < g.dim(); i++) axes[i - 1] = i;
            res[2] = be.reduce(org.xai4j.engine.backend.ReduceKind.SUM, g, axes, false);
        }
        return res;
    }
}
