package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.tensor.Tensor;

/** Broadcasting arithmetic: add, sub, mul, div, pow and neg, each with its vector-Jacobian product. */
final class ArithmeticOps {
    private ArithmeticOps() {}

    static Tensor bin(BinaryKind k, Tensor a, Tensor b) {
        return Backends.of(a, b).binary(k, a, b, 0f, 0f);
    }

    static final class Add extends Op {
        public OpType type() { return OpType.ADD; }
        protected Tensor forward(Tensor[] in, Saved s) { return bin(BinaryKind.ADD, in[0], in[1]); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {g, g}; }
    }

    static final class Sub extends Op {
        public OpType type() { return OpType.SUB; }
        protected Tensor forward(Tensor[] in, Saved s) { return bin(BinaryKind.SUB, in[0], in[1]); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            return new Tensor[] {g, needs[1] ? Ops.neg(g) : null};
        }
    }

    static final class Mul extends Op {
        public OpType type() { return OpType.MUL; }
        protected Tensor forward(Tensor[] in, Saved s) { return bin(BinaryKind.MUL, in[0], in[1]); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            return new Tensor[] {
                needs[0] ? bin(BinaryKind.MUL, g, n.input(1)) : null,
                needs[1] ? bin(BinaryKind.MUL, g, n.input(0)) : null};
        }
    }

    /** z = a / b: da = g / b, db = -g * z / b. */
    static final class Div extends Op {
        public OpType type() { return OpType.DIV; }
        protected Tensor forward(Tensor[] in, Saved s) { return bin(BinaryKind.DIV, in[0], in[1]); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            Tensor da = needs[0] || needs[1] ? bin(BinaryKind.DIV, g, n.input(1)) : null;
            Tensor db = needs[1] ? Ops.neg(bin(BinaryKind.MUL, da, n.output())) : null;
            return new Tensor[] {da, db};
        }
    }

    /** z = a ^ b: da = g * b * a^(b-1), db = g * z * log(a). */
    static final class Pow extends Op {
        public OpType type() { return OpType.POW; }
        protected Tensor forward(Tensor[] in, Saved s) { return bin(BinaryKind.POW, in[0], in[1]); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            Tensor a = n.input(0), b = n.input(1);
            Tensor da = null, db = null;
            if (needs[0]) {
                Tensor bm1 = Backends.of(b).unary(UnaryKind.AFFINE, b, 1f, -1f);
                da = bin(BinaryKind.MUL, bin(BinaryKind.MUL, g, b), bin(BinaryKind.POW, a, bm1));
            }
            if (needs[1]) {
                Tensor loga = Backends.of(a).unary(UnaryKind.LOG, a, 0f, 0f);
                db = bin(BinaryKind.MUL, bin(BinaryKind.MUL, g, n.output()), loga);
            }
            return new Tensor[] {da, db};
        }
    }

    static final class Neg extends Op {
        public OpType type() { return OpType.NEG; }
        protected Tensor forward(Tensor[] in, Saved s) { return Backends.of(in[0]).unary(UnaryKind.NEG, in[0], 0f, 0f); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {Ops.neg(g)}; }
    }
}
