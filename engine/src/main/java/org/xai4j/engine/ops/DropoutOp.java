package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.tensor.Tensor;

/**
 * Inverted dropout: y = x * m with m = 1/(1-p) where Philox's uniform(seed, stream, i) < 1-p, else 0.
 * The mask depends only on (seed, stream, element index), so it is the same for any thread count
 * and on every backend; the backward multiplies by the same mask.
 */
final class DropoutOp extends Op {
    private final float p;
    private final long seed, stream;

    DropoutOp(float p, long seed, long stream) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        this.p = p;
        this.seed = seed;
        this.stream = stream;
    }

    public String name() { return "Dropout"; }

    /** The mask for a tensor of {@code shape} (values 0 or 1/(1-p)), made on {@code like}'s device. */
    Tensor mask(Tensor like) {
        return Backends.of(like).bernoulliMask(like.shape(), seed, stream, 1f - p, 1f / (1f - p));
    }

    protected Tensor forward(Tensor[] in, Saved s) {
        Tensor m = mask(in[0]);
        if (s != null) s.save(m);
        return Backends.of(in[0], m).binary(BinaryKind.MUL, in[0], m, 0, 0);
    }

    public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
        Tensor m = n.saved(0);
        return new Tensor[] {Backends.of(g, m).binary(BinaryKind.MUL, g, m, 0, 0)};
    }
}
