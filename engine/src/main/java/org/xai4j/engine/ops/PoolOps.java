package org.xai4j.engine.ops;

import org.xai4j.engine.tensor.Tensor;

/** Max and average pooling; wired to the CPU kernels in backend/cpu once they land. */
final class PoolOps {
    private PoolOps() {}

    static Tensor maxPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, boolean ceilMode) {
        throw new UnsupportedOperationException("MaxPool is not implemented yet");
    }

    static Tensor avgPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, boolean ceilMode, boolean countIncludePad) {
        throw new UnsupportedOperationException("AveragePool is not implemented yet");
    }
}
