package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Tensor;

/**
 * Inverted dropout: y = x * m with m = 1/(1-p) where Philox's uniform(seed, stream, i) < 1-p, else 0.
 * The mask depends only on (seed, stream, element index), so it is the same for any thread count
 * and on every backend; the backward multiplies by the same mask. With several streams, axis 0 splits
 * into as many equal blocks and block b's mask is the one stream b gives a tensor of the block's shape
 * (stacked MC samples: each row's mask as if it ran alone).
 */
final class DropoutOp extends Op {
    private final float p;
    private final long seed;
    private final long[] streams;

    DropoutOp(float p, long seed, long[] streams) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        if (streams.length == 0) throw new IllegalArgumentException("dropout needs at least one stream");
        this.p = p;
        this.seed = seed;
        this.streams = streams.clone();
    }

    public OpType type() { return OpType.DROPOUT; }

    /**
     * The mask for a tensor like {@code like} (values 0 or 1/(1-p)), made on its device: by the device's
     * backend for one stream; per row block on the host (then copied) for several.
     */
    Tensor mask(Tensor like) {
        int[] shape = like.shape();
        if (streams.length == 1) return Backends.of(like).bernoulliMask(shape, seed, streams[0], 1f - p, 1f / (1f - p));
        if (shape.length == 0 || shape[0] % streams.length != 0) {
            throw new IllegalArgumentException("dropout with one stream per row needs axis 0 to be a multiple of "
                    + streams.length + " rows, got shape " + java.util.Arrays.toString(shape));
        }
        Tensor m = Tensor.zeros(shape);
        float[] data = m.data();
        PhiloxRandom.bernoulliMaskRows(seed, streams, 1f - p, 1f / (1f - p), data, data.length / streams.length);
        return like.device().isHost() ? m : m.to(like.device());
    }

    protected Tensor forward(Tensor[] in, Saved s) {
        Tensor x = in[0];
        if (s == null && streams.length > 1 && x.device().isHost() && x.isContiguous() && x.offset() == 0
                && x.dim() > 0 && x.size(0) % streams.length == 0) {
            // nothing keeps the mask (no backward): apply it as it is drawn, one pass instead of two
            float[] xv = x.data();
            Tensor y = Tensor.empty(x.shape());
            float[] yv = y.data();
            PhiloxRandom.dropoutRows(seed, streams, 1f - p, 1f / (1f - p), xv, yv, x.numel() / streams.length);
            return y;
        }
        Tensor m = mask(x);
        if (s != null) s.save(m);
        return Backends.of(in[0], m).binary(BinaryKind.MUL, in[0], m, 0, 0);
    }

    public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
        Tensor m = n.saved(0);
        return new Tensor[] {Backends.of(g, m).binary(BinaryKind.MUL, g, m, 0, 0)};
    }
}
