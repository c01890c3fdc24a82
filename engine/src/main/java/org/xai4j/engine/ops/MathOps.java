package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.tensor.Tensor;

/** Elementwise math: exp, log, sqrt, abs, x^p, affine p0*x+p1, clip; forward and VJP side by side. */
final class MathOps {
    private MathOps() {}

    static Tensor un(UnaryKind k, Tensor x, float p0, float p1) {
        return Backends.of(x).unary(k, x, p0, p1);
    }

    static Tensor bin(BinaryKind k, Tensor a, Tensor b, float p0, float p1) {
        return Backends.of(a, b).binary(k, a, b, p0, p1);
    }

    /** d exp(x) = g * exp(x). */
    static final class Exp extends Op {
        public OpType type() { return OpType.EXP; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.EXP, in[0], 0, 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.MUL, g, n.output(), 0, 0)}; }
    }

    /** d log(x) = g / x. */
    static final class Log extends Op {
        public OpType type() { return OpType.LOG; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.LOG, in[0], 0, 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.DIV, g, n.input(0), 0, 0)}; }
    }

    /** d sqrt(x) = g / (2 sqrt(x)). */
    static final class Sqrt extends Op {
        public OpType type() { return OpType.SQRT; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.SQRT, in[0], 0, 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            return new Tensor[] {bin(BinaryKind.DIV, g, un(UnaryKind.AFFINE, n.output(), 2f, 0f), 0, 0)};
        }
    }

    /** d |x| = g * sign(x), with sign(0) = 0 as PyTorch. */
    static final class Abs extends Op {
        public OpType type() { return OpType.ABS; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.ABS, in[0], 0, 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.ABS_GRAD, n.input(0), g, 0, 0)}; }
    }

    /** d x^p = g * p * x^(p-1) for a constant exponent p. */
    static final class PowScalar extends Op {
        private final float p;
        PowScalar(float p) { this.p = p; }
        public OpType type() { return OpType.POW_SCALAR; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.POW_SCALAR, in[0], p, 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            Tensor d = p == 2f ? un(UnaryKind.AFFINE, n.input(0), 2f, 0f)
                    : un(UnaryKind.AFFINE, un(UnaryKind.POW_SCALAR, n.input(0), p - 1f, 0), p, 0f);
            return new Tensor[] {bin(BinaryKind.MUL, g, d, 0, 0)};
        }
    }

    /** y = scale * x + shift: dy = g * scale. */
    static final class Affine extends Op {
        private final float scale, shift;
        Affine(float scale, float shift) { this.scale = scale; this.shift = shift; }
        public OpType type() { return OpType.AFFINE; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.AFFINE, in[0], scale, shift); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {un(UnaryKind.AFFINE, g, scale, 0f)}; }
    }

    /** y = min(max(x, lo), hi): gradient passes where lo <= x <= hi (PyTorch's clamp rule). */
    static final class Clip extends Op {
        private final float lo, hi;
        Clip(float lo, float hi) { this.lo = lo; this.hi = hi; }
        public OpType type() { return OpType.CLIP; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.CLIP, in[0], lo, hi); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.CLIP_GRAD, n.input(0), g, lo, hi)}; }
    }
}
