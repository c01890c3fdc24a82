package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

/** Batched matrix products on {@link Gemm}: op(a) @ op(b) over the last two axes, batch axes broadcast. */
final class MatMulKernel {
    private MatMulKernel() {}

    static Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb) {
        if (a.dim() < 2 || b.dim() < 2) {
            throw new ShapeException("matmul: operands need at least 2 axes, got " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        }
        int[] as = a.shape(), bs = b.shape();
        int ar = as.length, br = bs.length;
        int m = ta ? as[ar - 1] : as[ar - 2], ka = ta ? as[ar - 2] : as[ar - 1];
        int kb = tb ? bs[br - 1] : bs[br - 2], n = tb ? bs[br - 2] : bs[br - 1];
        if (ka != kb) {
            throw new ShapeException("matmul: inner sizes differ: " + Shape.str(as) + (ta ? "^T" : "") + " @ "
                    + Shape.str(bs) + (tb ? "^T" : "") + " (" + ka + " vs " + kb + ")");
        }
        int[] aBatch = java.util.Arrays.copyOf(as, ar - 2), bBatch = java.util.Arrays.copyOf(bs, br - 2);
        int[] batch = Shape.broadcast("matmul", aBatch, bBatch);
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Tensor.empty(outShape);
        int nb = Shape.numel(batch);
        if (nb == 0 || m == 0 || n == 0) return out;

        // a matrix whose last two axes are a transposed contiguous view is used in place with the flag flipped
        boolean[] flipA = {ta}, flipB = {tb};
        Tensor ac = matrixOperand(a, flipA), bc = matrixOperand(b, flipB);
        int aMat = m * ka, bMat = ka * n;
        int lda = flipA[0] ? m : ka, ldb = flipB[0] ? ka : n;
        if (Shape.numel(aBatch) == nb && Shape.numel(bBatch) == 1 && !flipA[0] && aBatch.length == batch.length) {
            // one big GEMM: stack the batch rows of a
            Gemm.sgemm(false, flipB[0], nb * m, n, ka, 1f, ac.data(), ac.offset(), lda, bc.data(), bc.offset(), ldb,
                    0f, out.data(), 0, n);
            return out;
        }
        int[] aStr = batchStrides(aBatch, batch, aMat), bStr = batchStrides(bBatch, batch, bMat);
        for (int i = 0; i < nb; i++) {
            int ao = ac.offset(), bo = bc.offset(), rem = i;
            for (int ax = batch.length - 1; ax >= 0; ax--) {
                int idx = rem % batch[ax];
                rem /= batch[ax];
                ao += idx * aStr[ax];
                bo += idx * bStr[ax];
            }
            Gemm.sgemm(flipA[0], flipB[0], m, n, ka, 1f, ac.data(), ao, lda, bc.data(), bo, ldb,
                    0f, out.data(), i * m * n, n);
        }
        return out;
    }

    /** A contiguous operand; a transposed view of a contiguous matrix stack is taken as is with the flag flipped. */
    private static Tensor matrixOperand(Tensor t, boolean[] trans) {
        if (t.isContiguous()) return t;
        int r = t.dim();
        Tensor swapped = Views.transpose(t, r - 1, r - 2);
        if (swapped.isContiguous()) {
            trans[0] = !trans[0];
            return swapped;
        }
        return t.contiguous();
    }

    private static int[] batchStrides(int[] own, int[] batch, int matSize) {
        int[] st = new int[batch.length];
        int lead = batch.length - own.length;
        int s = matSize;
        for (int i = own.length - 1; i >= 0; i--) {
            st[lead + i] = own[i] == 1 ? 0 : s;
            s *= own[i];
        }
        return st;
    }
}
