package org.xai4j.engine.backend;

import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Tensor;

/**
 * The kernels the ops run on. Ops never compute on arrays themselves: they call the backend of their
 * inputs' device ({@link Backends#of(Tensor)}), so a CUDA backend takes over for device tensors without the
 * ops changing. Every method returns a new contiguous tensor on the backend's device and leaves its
 * arguments unmodified unless it says otherwise; tensor arguments are on that device, except that a
 * one-element host tensor may stand for a scalar operand (as PyTorch's 0-d CPU tensors).
 */
public interface Backend {
    String name();

    /** The device whose tensors this backend computes on. */
    default Device device() {
        return Device.CPU;
    }

    /** A copy on this backend's device of the host tensor x. */
    default Tensor fromHost(Tensor x) {
        if (device().isHost()) return x;
        throw new UnsupportedOperationException(name() + ": fromHost is not implemented");
    }

    /**
     * Opens a scope whose device allocations return to this backend's pool at close (host backends: nothing
     * to do; host arrays are recycled by {@code TensorMemory}). Tensors made inside must not be used after it.
     */
    default MemoryScope memoryScope() {
        return () -> { };
    }

    /**
     * Opens a scope whose device allocations outlive the enclosing {@link #memoryScope()}s (weights a model
     * caches on the device): they return to the pool only when the garbage collector finds them unreachable.
     */
    default MemoryScope persistentScope() {
        return () -> { };
    }

    /** A host copy of x, a tensor on this backend's device. */
    default Tensor toHost(Tensor x) {
        if (device().isHost()) return x;
        throw new UnsupportedOperationException(name() + ": toHost is not implemented");
    }

    /** y = f(x) elementwise (see {@link UnaryKind} for the parameters' meaning). */
    Tensor unary(UnaryKind kind, Tensor x, float p0, float p1);

    /** z = f(a, b) elementwise over the NumPy broadcast of a and b. */
    Tensor binary(BinaryKind kind, Tensor a, Tensor b, float p0, float p1);

    /** acc += g elementwise; acc is Modified and must be contiguous with g's shape. */
    void addInPlace(Tensor acc, Tensor g);

    /** Reduction over sorted, distinct axes; reduced axes are kept with size 1 when keepDims. */
    Tensor reduce(ReduceKind kind, Tensor x, int[] axes, boolean keepDims);

    /** A contiguous copy of any strided view. */
    Tensor copy(Tensor x);

    /** Batched op(a) @ op(b) over the last two axes; leading (batch) axes broadcast. */
    Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB);

    /** softmax (or log-softmax) along one axis, computed stably (max subtracted). */
    Tensor softmax(Tensor x, int axis, boolean log);

    /** The input gradient of softmax/log-softmax given its output y and the upstream gradient g. */
    Tensor softmaxBackward(Tensor y, Tensor g, int axis, boolean log);

    /** out[..., i, ...] = x[..., index[..., i, ...], ...] along axis (torch.gather); index shaped like out. */
    Tensor gather(Tensor x, int axis, int[] index, int[] indexShape);

    /** The adjoint of gather: zeros of xShape with g scattered-added at the gathered positions. */
    Tensor gatherBackward(int[] xShape, int axis, int[] index, int[] indexShape, Tensor g);

    /** Convolution y (N, F, oh, ow) = x * w + bias (bias may be null). */
    Tensor convForward(Tensor x, Tensor w, Tensor bias, ConvSpec spec);

    /** max(conv(x) + bias, 0), for unrecorded inference; a backend may fuse the ReLU into the convolution's last pass. */
    default Tensor convForwardRelu(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        return unary(UnaryKind.RELU, convForward(x, w, bias, spec), 0f, 0f);
    }

    /** dL/dx of a convolution given dL/dy. */
    Tensor convBackwardData(Tensor gy, Tensor w, ConvSpec spec, int[] xShape);

    /** dL/dw of a convolution given x and dL/dy. */
    Tensor convBackwardWeight(Tensor x, Tensor gy, ConvSpec spec, int[] wShape);

    /**
     * Max pooling; {@code argmax} (length = output size, Modified) receives for each output the flat
     * index within its input plane of the first maximum in scan order; null when no gradient will be
     * taken (the kernel may then skip the search).
     */
    Tensor maxPool(Tensor x, PoolSpec spec, int[] argmax);

    /** dL/dx of max pooling: each output gradient goes to its argmax. */
    Tensor maxPoolBackward(Tensor gy, int[] argmax, PoolSpec spec, int[] xShape);

    /** Average pooling; the divisor counts padding when countIncludePad (as PyTorch). */
    Tensor avgPool(Tensor x, PoolSpec spec, boolean countIncludePad);

    /** dL/dx of average pooling. */
    Tensor avgPoolBackward(Tensor gy, PoolSpec spec, boolean countIncludePad, int[] xShape);

    // ---- Philox streams (engine/random): the same values on every backend, for the same seed ----------

    /** A dropout mask of {@code shape}: element i is scale if uniform(seed, stream, i) &lt; keepProb, else 0. */
    default Tensor bernoulliMask(int[] shape, long seed, long stream, float keepProb, float scale) {
        Tensor m = Tensor.zeros(shape);
        PhiloxRandom.bernoulliMask(seed, stream, keepProb, m.data(), scale);
        return m;
    }

    /** Standard normals of {@code shape}: element i is normal(seed, stream, start + i). */
    default Tensor randomNormal(int[] shape, long seed, long stream, long start) {
        Tensor t = Tensor.zeros(shape);
        PhiloxRandom.fillNormal(seed, stream, start, t.data(), 0, t.numel());
        return t;
    }

    /** Uniforms in [0, 1) of {@code shape}: element i is uniform(seed, stream, start + i). */
    default Tensor randomUniform(int[] shape, long seed, long stream, long start) {
        Tensor t = Tensor.zeros(shape);
        PhiloxRandom.fillUniform(seed, stream, start, t.data(), 0, t.numel());
        return t;
    }
}
