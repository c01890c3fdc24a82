package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Backend;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/** The CPU backend: plain Java kernels, multithreaded through {@link Parallel}, GEMM through {@link Gemm}. */
public final class CpuBackend implements Backend {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Tensor unary(UnaryKind kind, Tensor x, float p0, float p1) {
        Tensor xc = x.contiguous();
        Tensor out = Tensor.empty(x.shape());
        UnaryKernels.apply(kind, xc.data(), xc.offset(), out.data(), 0, out.numel(), p0, p1);
        return out;
    }

    @Override
    public Tensor binary(BinaryKind kind, Tensor a, Tensor b, float p0, float p1) {
        return BinaryKernels.apply(kind, a, b, p0, p1);
    }

    @Override
    public void addInPlace(Tensor acc, Tensor g) {
        if (!acc.isContiguous() || !Shape.same(acc.shape(), g.shape())) {
            throw new ShapeException("addInPlace: accumulator " + Shape.str(acc.shape()) + " (contiguous "
                    + acc.isContiguous() + ") and gradient " + Shape.str(g.shape()));
        }
        Tensor gc = g.contiguous();
        float[] a = acc.data(), b = gc.data();
        int ao = acc.offset(), bo = gc.offset();
        Parallel.forRange(acc.numel(), 1 << 15, (s, e) -> {
            for (int i = s; i < e; i++) a[ao + i] += b[bo + i];
        });
    }

    @Override
    public Tensor reduce(ReduceKind kind, Tensor x, int[] axes, boolean keepDims) {
        return ReduceKernels.reduce(kind, x, axes, keepDims);
    }

    @Override
    public Tensor copy(Tensor x) {
        Tensor out = Tensor.empty(x.shape());
        org.xai4j.engine.tensor.StridedCopy.copy(x, out);
        return out;
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        return MatMulKernel.matmul(a, b, transA, transB);
    }

    @Override
    public Tensor softmax(Tensor x, int axis, boolean log) {
        return SoftmaxKernels.forward(x, axis, log);
    }

    @Override
    public Tensor softmaxBackward(Tensor y, Tensor g, int axis, boolean log) {
        return SoftmaxKernels.backward(y, g, axis, log);
    }

    @Override
    public Tensor gather(Tensor x, int axis, int[] index, int[] indexShape) {
        return GatherKernels.gather(x, axis, index, indexShape);
    }

    @Override
    public Tensor gatherBackward(int[] xShape, int axis, int[] index, int[] indexShape, Tensor g) {
        return GatherKernels.gatherBackward(xShape, axis, index, indexShape, g);
    }

    @Override
    public Tensor convForward(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        return ConvolutionKernels.forward(x, w, bias, spec, spec.outShape(x.dim() - 2));
    }

    @Override
    public Tensor convForwardRelu(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        return ConvolutionKernels.forwardRelu(x, w, bias, spec, spec.outShape(x.dim() - 2));
    }

    @Override
    public Tensor convBackwardData(Tensor gy, Tensor w, ConvSpec spec, int[] xShape) {
        return ConvolutionKernels.backwardData(gy, w, spec, xShape);
    }

    @Override
    public Tensor convBackwardWeight(Tensor x, Tensor gy, ConvSpec spec, int[] wShape) {
        return ConvolutionKernels.backwardWeight(x, gy, spec, wShape);
    }

    @Override
    public Tensor maxPool(Tensor x, PoolSpec spec, int[] argmax) {
        return PoolingKernels.maxPool(x, spec, argmax);
    }

    @Override
    public Tensor maxPoolBackward(Tensor gy, int[] argmax, PoolSpec spec, int[] xShape) {
        return PoolingKernels.maxPoolBackward(gy, argmax, spec, xShape);
    }

    @Override
    public Tensor avgPool(Tensor x, PoolSpec spec, boolean countIncludePad) {
        return PoolingKernels.avgPool(x, spec, countIncludePad);
    }

    @Override
    public Tensor avgPoolBackward(Tensor gy, PoolSpec spec, boolean countIncludePad, int[] xShape) {
        return PoolingKernels.avgPoolBackward(gy, spec, countIncludePad, xShape);
    }
}
