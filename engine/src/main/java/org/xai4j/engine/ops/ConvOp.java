package org.xai4j.engine.ops;

import org.xai4j.engine.tensor.Tensor;

/** Convolution; wired to the CPU kernels in backend/cpu once they land. */
final class ConvOp {
    private ConvOp() {}

    static Tensor apply(Tensor x, Tensor w, Tensor bias, int[] strides, int[] padsBegin, int[] padsEnd,
                        int[] dilations, int groups) {
        throw new UnsupportedOperationException("Conv is not implemented yet");
    }
}
