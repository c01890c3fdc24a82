package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/** out = x gathered along an axis by integer indices (torch.gather); the gradient is scatter-added back. */
final class GatherOp extends Op {
    private final int axis;
    private final int[] index, indexShape;

    GatherOp(int axis, int[] index, int[] indexShape) {
        this.axis = axis;
        this.index = index.clone();
        this.indexShape = indexShape.clone();
    }

    public OpType type() { return OpType.GATHER_ELEMENTS; }

    protected Tensor forward(Tensor[] in, Saved s) {
        return Backends.of(in[0]).gather(in[0], Shape.axis(name(), axis, in[0].dim()), index, indexShape);
    }

    public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
        int[] xs = n.input(0).shape();
        return new Tensor[] {Backends.of(g).gatherBackward(xs, Shape.axis(name(), axis, xs.length), index, indexShape, g)};
    }
}
