package org.xai4j.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.xai4j.engine.backend.Backend;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.DeviceStorage;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

import java.util.Arrays;

/**
 * The CUDA backend: every {@link Backend} operation as our kernels (src/main/cuda) on one device, launched
 * through JCuda's driver API; GEMM through {@link CudaGemm}, convolutions through {@link CudaConvolution}.
 * Results are new device tensors from the {@link DevicePool}. The only host traffic is what the interface
 * asks for in host arrays: gather's index and max pooling's argmax.
 */
public final class CudaBackend implements Backend {
    static final String JCUDA_VERSION = "12.6.0";
    /** The largest rank the kernels' Strided struct holds (XAI_MAX_RANK in common.cuh). */
    static final int MAX_RANK = 8;

    private final CudaContext context;
    private final Device device;
    private final CudaGemm gemm;
    private final CudaConvolution convolution;

    public CudaBackend(int index) {
        this.context = CudaContext.get(index);
        this.device = Device.cuda(index);
        this.gemm = new CudaGemm(context, CudaProbe.status().cublasReason() == null);
        this.convolution = new CudaConvolution(this, gemm);
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Device device() {
        return device;
    }

    /** Which GEMM runs on this device: "cuBLAS" or "xai4j sgemm kernel". */
    public String gemmImplementation() {
        return gemm.implementation();
    }

    CudaContext context() {
        return context;
    }

    // ---- memory and transfers -----------------------------------------------------------------------

    /** A new contiguous device tensor; contents undefined. */
    Tensor empty(int... shape) {
        return Tensor.onDevice(context.pool.allocate(Math.max(1, Shape.numel(shape))), shape);
    }

    Tensor zeros(int... shape) {
        Tensor t = empty(shape);
        long n = t.numel();
        if (n > 0) context.launch(Kernel.FILL, n, n, 0f, ptr(t));
        return t;
    }

    @Override
    public org.xai4j.engine.backend.MemoryScope memoryScope() {
        return DevicePool.scope();
    }

    @Override
    public org.xai4j.engine.backend.MemoryScope persistentScope() {
        return DevicePool.persistent();
    }

    /** The device address of t's first element. */
    CUdeviceptr ptr(Tensor t) {
        DeviceStorage s = t.storage();
        if (!(s instanceof CudaStorage cs) || !t.device().equals(device)) {
            throw new IllegalArgumentException("a tensor on " + t.device() + " was given to the backend of " + device);
        }
        return cs.at(t.offset());
    }

    /** t on this device, contiguous (a one-element host operand is uploaded, as a scalar). */
    Tensor contiguous(Tensor t) {
        if (t.isHost()) return fromHost(t);
        return t.isContiguous() ? t : copy(t);
    }

    @Override
    public Tensor fromHost(Tensor x) {
        if (!x.isHost()) throw new IllegalArgumentException("fromHost: tensor is on " + x.device());
        Tensor xc = x.contiguous();
        Tensor out = empty(x.shape());
        long n = xc.numel();
        if (n > 0) {
            context.current();
            JCudaDriver.cuMemcpyHtoD(ptr(out), Pointer.to(xc.data()).withByteOffset((long) xc.offset() * Float.BYTES), n * Float.BYTES);
        }
        return out;
    }

    @Override
    public Tensor toHost(Tensor x) {
        Tensor xc = contiguous(x);
        float[] h = new float[xc.numel()];
        if (h.length > 0) {
            context.current();
            JCudaDriver.cuMemcpyDtoH(Pointer.to(h), ptr(xc), (long) h.length * Float.BYTES);
        }
        return Tensor.of(h, x.shape());
    }

    /** An int array in device memory (gather indices, argmax), in storage of as many floats. */
    CUdeviceptr upload(int[] values, CudaStorage[] keep) {
        CudaStorage s = context.pool.allocate(Math.max(1, values.length));
        keep[0] = s;
        if (values.length > 0) {
            context.current();
            JCudaDriver.cuMemcpyHtoD(s.at(0), Pointer.to(values), (long) values.length * Integer.BYTES);
        }
        return s.at(0);
    }

    // ---- elementwise -------------------------------------------------------------------------------

    @Override
    public Tensor unary(UnaryKind kind, Tensor x, float p0, float p1) {
        Tensor xc = contiguous(x);
        Tensor out = empty(x.shape());
        long n = out.numel();
        if (n > 0) context.launch(Kernel.UNARY, n, kind.ordinal(), n, ptr(xc), ptr(out), p0, p1);
        return out;
    }

    @Override
    public Tensor binary(BinaryKind kind, Tensor a, Tensor b, float p0, float p1) {
        Tensor da = a.isHost() ? fromHost(a) : a, db = b.isHost() ? fromHost(b) : b;
        int[] shape = Shape.broadcast(kind.name(), a.shape(), b.shape());
        Tensor out = empty(shape);
        long n = out.numel();
        if (n == 0) return out;
        int[] strided = strided(shape, broadcastStrides(da, shape), broadcastStrides(db, shape));
        context.launch(Kernel.BINARY, n, kind.ordinal(), n, strided, ptr(da), ptr(db), ptr(out), p0, p1);
        return out;
    }

    @Override
    public void addInPlace(Tensor acc, Tensor g) {
        if (!acc.isContiguous() || !Shape.same(acc.shape(), g.shape())) {
            throw new ShapeException("addInPlace: accumulator " + Shape.str(acc.shape()) + " (contiguous "
                    + acc.isContiguous() + ") and gradient " + Shape.str(g.shape()));
        }
        Tensor gc = contiguous(g);
        long n = acc.numel();
        if (n > 0) context.launch(Kernel.ADD_INPLACE, n, n, ptr(acc), ptr(gc));
    }

    @Override
    public Tensor copy(Tensor x) {
        if (x.isHost()) return fromHost(x);
        Tensor out = empty(x.shape());
        long n = out.numel();
        if (n > 0) {
            int[] zeros = new int[x.dim()];
            context.launch(Kernel.COPY_STRIDED, n, n, strided(x.shape(), x.strides(), zeros), ptr(x), ptr(out));
        }
        return out;
    }

    /** x's strides aligned to an output of {@code shape} (NumPy broadcasting: 0 on expanded axes). */
    private static int[] broadcastStrides(Tensor x, int[] shape) {
        int[] xs = x.shape(), st = x.strides(), out = new int[shape.length];
        int lead = shape.length - xs.length;
        for (int d = 0; d < shape.length; d++) {
            int xd = d - lead;
            out[d] = xd < 0 || (xs[xd] == 1 && shape[d] != 1) ? 0 : st[xd];
        }
        return out;
    }

    /** The Strided struct of common.cuh: rank, dims[8], sa[8], sb[8]. */
    static int[] strided(int[] dims, int[] sa, int[] sb) {
        if (dims.length > MAX_RANK) {
            throw new UnsupportedOperationException("cuda: tensors of rank " + dims.length + " (the kernels take up to " + MAX_RANK + ")");
        }
        int[] s = new int[1 + 3 * MAX_RANK];
        s[0] = dims.length;
        System.arraycopy(dims, 0, s, 1, dims.length);
        System.arraycopy(sa, 0, s, 1 + MAX_RANK, dims.length);
        System.arraycopy(sb, 0, s, 1 + 2 * MAX_RANK, dims.length);
        return s;
    }

    // ---- reductions, softmax, gather ----------------------------------------------------------------

    @Override
    public Tensor reduce(ReduceKind kind, Tensor x, int[] axes, boolean keepDims) {
        int[] xs = x.shape();
        boolean[] reduced = new boolean[xs.length];
        for (int a : axes) reduced[a] = true;
        int[] perm = new int[xs.length];
        int p = 0, rows = 1, cols = 1;
        for (int d = 0; d < xs.length; d++) if (!reduced[d]) { perm[p++] = d; rows *= xs[d]; }
        for (int d = 0; d < xs.length; d++) if (reduced[d]) { perm[p++] = d; cols *= xs[d]; }
        // kept axes first, reduced axes last: each output is the reduction of one contiguous row
        Tensor xc = contiguous(Views.permute(x, perm));
        int[] outShape = keepDims ? xs.clone() : new int[xs.length - axes.length];
        if (keepDims) for (int a : axes) outShape[a] = 1;
        else for (int d = 0, o = 0; d < xs.length; d++) if (!reduced[d]) outShape[o++] = xs[d];
        Tensor out = empty(outShape);
        if (rows > 0) {
            int blocks = Math.min(rows, 65535);
            context.launchGrid(Kernel.REDUCE_ROWS, blocks, 1, 1, CudaContext.BLOCK, kind.ordinal(), rows, cols, ptr(xc), ptr(out));
        }
        return out;
    }

    @Override
    public Tensor softmax(Tensor x, int axis, boolean log) {
        Tensor xc = contiguous(x);
        Tensor out = empty(x.shape());
        int[] g = lines(x.shape(), axis);
        long lines = (long) g[0] * g[2];
        if (lines > 0 && g[1] > 0) context.launch(Kernel.SOFTMAX, lines, g[0], g[1], g[2], ptr(xc), ptr(out), log ? 1 : 0);
        return out;
    }

    @Override
    public Tensor softmaxBackward(Tensor y, Tensor g, int axis, boolean log) {
        Tensor yc = contiguous(y), gc = contiguous(g);
        Tensor out = empty(y.shape());
        int[] l = lines(y.shape(), axis);
        long lines = (long) l[0] * l[2];
        if (lines > 0 && l[1] > 0) context.launch(Kernel.SOFTMAX_BACKWARD, lines, l[0], l[1], l[2], ptr(yc), ptr(gc), ptr(out), log ? 1 : 0);
        return out;
    }

    /** {outer, len, inner} of a contiguous shape around {@code axis}. */
    private static int[] lines(int[] s, int axis) {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= s[d];
        for (int d = axis + 1; d < s.length; d++) inner *= s[d];
        return new int[] {outer, s[axis], inner};
    }

    @Override
    public Tensor gather(Tensor x, int axis, int[] index, int[] indexShape) {
        Tensor xc = contiguous(x);
        int[] idx = checkedIndex(x.shape(), axis, index, indexShape);
        Tensor out = empty(indexShape);
        long n = out.numel();
        if (n > 0) {
            CudaStorage[] keep = new CudaStorage[1];
            CUdeviceptr dIdx = upload(idx, keep);
            int[] s = strided(indexShape, Shape.contiguousStrides(x.shape()), new int[indexShape.length]);
            context.launch(Kernel.GATHER, n, n, s, axis, dIdx, ptr(xc), ptr(out));
            keep[0].release();
        }
        return out;
    }

    @Override
    public Tensor gatherBackward(int[] xShape, int axis, int[] index, int[] indexShape, Tensor g) {
        Tensor gc = contiguous(g);
        int[] idx = checkedIndex(xShape, axis, index, indexShape);
        Tensor out = zeros(xShape);
        long n = Shape.numel(indexShape);
        if (n > 0) {
            CudaStorage[] keep = new CudaStorage[1];
            CUdeviceptr dIdx = upload(idx, keep);
            int[] s = strided(indexShape, Shape.contiguousStrides(xShape), new int[indexShape.length]);
            context.launch(Kernel.GATHER_BACKWARD, n, n, s, axis, dIdx, ptr(gc), ptr(out));
            keep[0].release();
        }
        return out;
    }

    /** The index with negative entries wrapped, after the CPU kernel's checks (same messages). */
    private static int[] checkedIndex(int[] xs, int axis, int[] index, int[] is) {
        if (is.length != xs.length) {
            throw new ShapeException("gather: index of rank " + is.length + " for input " + Shape.str(xs));
        }
        for (int a = 0; a < xs.length; a++) {
            if (a != axis && is[a] > xs[a]) {
                throw new ShapeException("gather: index shape " + Shape.str(is) + " exceeds input " + Shape.str(xs) + " on axis " + a);
            }
        }
        int[] out = new int[index.length];
        for (int p = 0; p < index.length; p++) {
            int k = index[p] < 0 ? index[p] + xs[axis] : index[p];
            if (k < 0 || k >= xs[axis]) {
                throw new IndexOutOfBoundsException("gather: index " + index[p] + " out of range for axis " + axis
                        + " of size " + xs[axis]);
            }
            out[p] = k;
        }
        return out;
    }

    // ---- matmul and convolution ----------------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.dim() < 2 || b.dim() < 2) {
            throw new ShapeException("matmul: operands need at least 2 axes, got " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        }
        int[] as = a.shape(), bs = b.shape();
        int ar = as.length, br = bs.length;
        int m = transA ? as[ar - 1] : as[ar - 2], ka = transA ? as[ar - 2] : as[ar - 1];
        int kb = transB ? bs[br - 1] : bs[br - 2], n = transB ? bs[br - 2] : bs[br - 1];
        if (ka != kb) {
            throw new ShapeException("matmul: inner sizes differ: " + Shape.str(as) + (transA ? "^T" : "") + " @ "
                    + Shape.str(bs) + (transB ? "^T" : "") + " (" + ka + " vs " + kb + ")");
        }
        int[] aBatch = Arrays.copyOf(as, ar - 2), bBatch = Arrays.copyOf(bs, br - 2);
        int[] batch = Shape.broadcast("matmul", aBatch, bBatch);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        int nb = Shape.numel(batch);
        if (ka == 0) return zeros(outShape);
        Tensor out = empty(outShape);
        if (nb == 0 || m == 0 || n == 0) return out;
        long[] strideA = new long[1], strideB = new long[1];
        Tensor ac = batchOperand(a, aBatch, batch, strideA), bc = batchOperand(b, bBatch, batch, strideB);
        gemm.sgemm(transA, transB, m, n, ka, 1f, ptr(ac), transA ? m : ka, strideA[0], ptr(bc), transB ? ka : n, strideB[0],
                0f, ptr(out), n, (long) m * n, nb);
        return out;
    }

    /** A contiguous operand whose matrices lie {@code stride[0]} floats apart over the broadcast batch (0: one matrix). */
    private Tensor batchOperand(Tensor t, int[] tBatch, int[] batch, long[] stride) {
        int[] s = t.shape();
        int mat = s[s.length - 2] * s[s.length - 1];
        if (Shape.numel(tBatch) == 1) {
            stride[0] = 0;
            return contiguous(t);
        }
        stride[0] = mat;
        if (Arrays.equals(tBatch, batch)) return contiguous(t);
        int[] full = Arrays.copyOf(batch, batch.length + 2);
        full[batch.length] = s[s.length - 2];
        full[batch.length + 1] = s[s.length - 1];
        return copy(Views.expand(t, full));
    }

    @Override
    public Tensor convForward(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        return convolution.forward(x, w, bias, spec, false);
    }

    @Override
    public Tensor convForwardRelu(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        return convolution.forward(x, w, bias, spec, true);
    }

    @Override
    public Tensor convBackwardData(Tensor gy, Tensor w, ConvSpec spec, int[] xShape) {
        return convolution.backwardData(gy, w, spec, xShape);
    }

    @Override
    public Tensor convBackwardWeight(Tensor x, Tensor gy, ConvSpec spec, int[] wShape) {
        return convolution.backwardWeight(x, gy, spec, wShape);
    }

    // ---- pooling ---------------------------------------------------------------------------------

    /** The Pool struct of pool.cu: PoolSpec's fields in its record order. */
    private static int[] pool(PoolSpec s) {
        return new int[] {s.planes(), s.h(), s.w(), s.kh(), s.kw(), s.sh(), s.sw(), s.padTop(), s.padLeft(),
                s.padBottom(), s.padRight(), s.dh(), s.dw(), s.oh(), s.ow()};
    }

    @Override
    public Tensor maxPool(Tensor x, PoolSpec spec, int[] argmax) {
        Tensor xc = contiguous(x);
        Tensor y = empty(spec.outShape(x.shape()));
        long n = y.numel();
        if (n == 0) return y;
        CudaStorage arg = argmax == null ? null : context.pool.allocate(n);
        context.launch(Kernel.MAX_POOL, n, pool(spec), ptr(xc), ptr(y), arg == null ? new CUdeviceptr() : arg.at(0));
        if (arg != null) {
            // the interface hands the argmax to the backward pass in a host array
            context.current();
            JCudaDriver.cuMemcpyDtoH(Pointer.to(argmax), arg.at(0), n * Integer.BYTES);
            arg.release();
        }
        return y;
    }

    @Override
    public Tensor maxPoolBackward(Tensor gy, int[] argmax, PoolSpec spec, int[] xShape) {
        Tensor gc = contiguous(gy);
        Tensor dx = empty(xShape);
        long n = dx.numel();
        if (n == 0) return dx;
        CudaStorage[] keep = new CudaStorage[1];
        CUdeviceptr dArg = upload(argmax, keep);
        context.launch(Kernel.MAX_POOL_BACKWARD, n, pool(spec), ptr(gc), dArg, ptr(dx));
        keep[0].release();
        return dx;
    }

    @Override
    public Tensor avgPool(Tensor x, PoolSpec spec, boolean countIncludePad) {
        Tensor xc = contiguous(x);
        Tensor y = empty(spec.outShape(x.shape()));
        long n = y.numel();
        if (n > 0) context.launch(Kernel.AVG_POOL, n, pool(spec), ptr(xc), ptr(y), countIncludePad ? 1 : 0);
        return y;
    }

    @Override
    public Tensor avgPoolBackward(Tensor gy, PoolSpec spec, boolean countIncludePad, int[] xShape) {
        Tensor gc = contiguous(gy);
        Tensor dx = empty(xShape);
        long n = dx.numel();
        if (n > 0) context.launch(Kernel.AVG_POOL_BACKWARD, n, pool(spec), ptr(gc), ptr(dx), countIncludePad ? 1 : 0);
        return dx;
    }

    // ---- Philox streams: bit-identical to engine/random (philox.cuh) -----------------------------------

    @Override
    public Tensor bernoulliMask(int[] shape, long seed, long stream, float keepProb, float scale) {
        if (!(keepProb >= 0f && keepProb <= 1f)) throw new IllegalArgumentException("keepProb must be in [0, 1], got " + keepProb);
        Tensor m = empty(shape);
        long n = m.numel();
        int threshold = (int) Math.ceil(keepProb * 0x1.0p24); // as PhiloxRandom.bernoulliMask
        if (n > 0) context.launch(Kernel.PHILOX_BERNOULLI, n, seed, stream, 0L, n, threshold, scale, ptr(m));
        return m;
    }

    @Override
    public Tensor randomNormal(int[] shape, long seed, long stream, long start) {
        Tensor t = empty(shape);
        long n = t.numel();
        if (n > 0) context.launch(Kernel.PHILOX_NORMAL, n, seed, stream, start, n, ptr(t));
        return t;
    }

    @Override
    public Tensor randomUniform(int[] shape, long seed, long stream, long start) {
        Tensor t = empty(shape);
        long n = t.numel();
        if (n > 0) context.launch(Kernel.PHILOX_UNIFORM, n, seed, stream, start, n, ptr(t));
        return t;
    }
}
