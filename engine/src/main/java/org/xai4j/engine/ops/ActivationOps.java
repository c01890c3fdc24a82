package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * Activations. Their {@link OpType}s are the keys explanation methods use to replace backward rules
 * (guided backprop and deconvolution replace {@link OpType#RELU}; DeepLIFT the nonlinearities).
 */
public final class ActivationOps {
    private ActivationOps() {}

    static Tensor un(UnaryKind k, Tensor x, float p0) {
        return Backends.of(x).unary(k, x, p0, 0f);
    }

    static Tensor bin(BinaryKind k, Tensor a, Tensor b, float p0) {
        return Backends.of(a, b).binary(k, a, b, p0, 0f);
    }

    /** max(x, 0); the gradient at 0 is 0, as PyTorch (Captum's reference numbers depend on it). */
    static final class Relu extends Op {
        public OpType type() { return OpType.RELU; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.RELU, in[0], 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.RELU_GRAD, n.input(0), g, 0)}; }
    }

    static final class LeakyRelu extends Op {
        private final float alpha;
        LeakyRelu(float alpha) { this.alpha = alpha; }
        public OpType type() { return OpType.LEAKY_RELU; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.LEAKY_RELU, in[0], alpha); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            return new Tensor[] {bin(BinaryKind.LEAKY_RELU_GRAD, n.input(0), g, alpha)};
        }
    }

    static final class Elu extends Op {
        private final float alpha;
        Elu(float alpha) { this.alpha = alpha; }
        public OpType type() { return OpType.ELU; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.ELU, in[0], alpha); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.ELU_GRAD, n.input(0), g, alpha)}; }
    }

    /** d sigmoid = g * y * (1 - y). */
    static final class Sigmoid extends Op {
        public OpType type() { return OpType.SIGMOID; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.SIGMOID, in[0], 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.SIGMOID_GRAD, n.output(), g, 0)}; }
    }

    /** d tanh = g * (1 - y^2). */
    static final class Tanh extends Op {
        public OpType type() { return OpType.TANH; }
        protected Tensor forward(Tensor[] in, Saved s) { return un(UnaryKind.TANH, in[0], 0); }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {bin(BinaryKind.TANH_GRAD, n.output(), g, 0)}; }
    }

    /** softmax / log-softmax along an axis: a fused primitive (stable, one pass each way). */
    static final class Softmax extends Op {
        private final int axis;
        private final boolean log;
        Softmax(int axis, boolean log) { this.axis = axis; this.log = log; }
        public OpType type() { return log ? OpType.LOG_SOFTMAX : OpType.SOFTMAX; }
        protected Tensor forward(Tensor[] in, Saved s) {
            return Backends.of(in[0]).softmax(in[0], Shape.axis(name(), axis, in[0].dim()), log);
        }
        public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
            return new Tensor[] {Backends.of(n.output(), g).softmaxBackward(n.output(), g, Shape.axis(name(), axis, g.dim()), log)};
        }
    }
}
