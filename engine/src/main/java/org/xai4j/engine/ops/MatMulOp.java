package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.tensor.Tensor;

/**
 * C = op(A) op(B) over the last two axes (batch axes broadcast). With G = dL/dC:
 * plain: dA = G B^T, dB = A^T G; A^T: dA = B G^T, dB = A G; B^T: dA = G B, dB = G^T A;
 * both: dA = B^T G^T, dB = G^T A^T. Each is one GEMM with transpose flags, no explicit transposes.
 */
final class MatMulOp extends Op {
    private final boolean ta, tb;

    MatMulOp(boolean transA, boolean transB) {
        this.ta = transA;
        this.tb = transB;
    }

    public OpType type() { return OpType.MAT_MUL; }

    protected Tensor forward(Tensor[] in, Saved s) {
        return Backends.of(in[0], in[1]).matmul(in[0], in[1], ta, tb);
    }

    public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
        Tensor a = n.input(0), b = n.input(1);
        var be = Backends.of(g, a, b);
        Tensor da = null, db = null;
        if (!ta && !tb) {
            if (needs[0]) da = be.matmul(g, b, false, true);
            if (needs[1]) db = be.matmul(a, g, true, false);
        } else if (ta && !tb) {
            if (needs[0]) da = be.matmul(b, g, false, true);
            if (needs[1]) db = be.matmul(a, g, false, false);
        } else if (!ta) {
            if (needs[0]) da = be.matmul(g, b, false, false);
            if (needs[1]) db = be.matmul(g, a, true, false);
        } else {
            if (needs[0]) da = be.matmul(b, g, true, true);
            if (needs[1]) db = be.matmul(g, a, true, true);
        }
        return new Tensor[] {da, db};
    }
}
