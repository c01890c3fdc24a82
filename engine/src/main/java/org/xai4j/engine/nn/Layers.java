package org.xai4j.engine.nn;

import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** The parameter-free layers: activations, flatten, pooling, dropout. */
public final class Layers {
    private Layers() {}

    public static Module relu() {
        return (x, o) -> Ops.relu(x);
    }

    public static Module sigmoid() {
        return (x, o) -> Ops.sigmoid(x);
    }

    public static Module tanh() {
        return (x, o) -> Ops.tanh(x);
    }

    /** (N, ...) to (N, rest), as torch.nn.Flatten. */
    public static Module flatten() {
        return (x, o) -> Ops.flatten(x, 1);
    }

    /** Max pooling with a square window and stride, no padding (torch.nn.MaxPool2d(k, s)). */
    public static Module maxPool2d(int kernel, int stride) {
        return (x, o) -> Ops.maxPool(x, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {0, 0},
                new int[] {0, 0}, new int[] {1, 1}, false);
    }

    /** Mean over the spatial axes, flattened to (N, C). */
    public static Module globalAvgPool() {
        return (x, o) -> Ops.flatten(Ops.globalAvgPool(x), 1);
    }

    /**
     * Inverted dropout with drop probability p when the run asks for it (training, or MC dropout), from
     * Philox masks; the identity otherwise. Each Dropout layer of a Sequential gets its own stream.
     */
    public static Module dropout(float p) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        return new Dropout(p);
    }

    /** Dropout needs its position in the model to pick a Philox stream distinct from other dropout layers'. */
    static final class Dropout implements Module {
        final float p;
        int index;

        Dropout(float p) {
            this.p = p;
        }

        @Override
        public Tensor forward(Tensor x, RunOptions o) {
            return Ops.dropout(x, p, o.dropoutActive(), o.seed(), o.layerStreams(1024, index));
        }
    }
}
