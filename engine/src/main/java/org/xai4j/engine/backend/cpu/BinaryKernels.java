package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * Elementwise z = f(a, b) over the NumPy broadcast of two strided tensors. The output is walked row
 * by row along its last axis; each operand contributes (offset, stride) per row, stride 0 where it
 * is broadcast, so no operand is ever materialized at the broadcast shape.
 */
final class BinaryKernels {
    private static final int GRAIN = 1 << 15;
    /** Whether {@link VectorElementwise} may run (the Vector API module is there). */
    private static final boolean VECTOR = Gemm.vectorized();

    private BinaryKernels() {}

    static Tensor apply(BinaryKind kind, Tensor a, Tensor b, float p0, float p1) {
        int[] shape = Shape.broadcast(kind.name().toLowerCase(), a.shape(), b.shape());
        Tensor out = Tensor.empty(shape);
        int n = out.numel();
        if (n == 0) return out;
        float[] ad = a.data(), bd = b.data(), od = out.data();
        if (a.isContiguous() && b.isContiguous() && a.numel() == n && b.numel() == n) {
            int ao = a.offset(), bo = b.offset();
            Parallel.forRange(n, Parallel.grainFor(n, GRAIN), (s, e) -> row(kind, ad, ao + s, 1, bd, bo + s, 1, od, s, e - s, p0, p1));
            return out;
        }
        int[] as = alignedStrides(a, shape), bs = alignedStrides(b, shape);
        // Coalesce the walk: drop size-1 axes, and fold an axis into the one after it where both operands
        // step through the pair as through one axis (a [4096, 1] column plus a scalar is one row of 4096,
        // not 4096 rows of 1). The output is contiguous, so its offsets follow for any folding.
        int[] dims = new int[Math.max(1, shape.length)], sa = new int[dims.length], sb = new int[dims.length];
        int r = 0;
        for (int ax = 0; ax < shape.length; ax++) {
            if (shape[ax] == 1) continue;
            if (r > 0 && sa[r - 1] == as[ax] * shape[ax] && sb[r - 1] == bs[ax] * shape[ax]) {
                dims[r - 1] *= shape[ax];
                sa[r - 1] = as[ax];
                sb[r - 1] = bs[ax];
            } else {
                dims[r] = shape[ax];
                sa[r] = as[ax];
                sb[r] = bs[ax];
                r++;
            }
        }
        if (r == 0) {
            dims[0] = 1;
            r = 1;
        }
        int rank = r;
        int inner = dims[r - 1];
        int aIn = sa[r - 1], bIn = sb[r - 1];
        int rows = n / inner;
        int grain = Math.max(1, GRAIN / Math.max(1, inner));
        Parallel.forRange(rows, grain, (s, e) -> {
            for (int row = s; row < e; row++) {
                // decode the row's outer multi-index into operand offsets
                int ao = a.offset(), bo = b.offset(), rem = row;
                for (int ax = rank - 2; ax >= 0; ax--) {
                    int i = rem % dims[ax];
                    rem /= dims[ax];
                    ao += i * sa[ax];
                    bo += i * sb[ax];
                }
                row(kind, ad, ao, aIn, bd, bo, bIn, od, row * inner, inner, p0, p1);
            }
        });
        return out;
    }

    /** Strides of t aligned to the right of an output shape, 0 on broadcast axes. */
    static int[] alignedStrides(Tensor t, int[] outShape) {
        int[] ts = t.shape(), st = t.strides();
        int[] res = new int[outShape.length];
        int lead = outShape.length - ts.length;
        for (int i = 0; i < ts.length; i++) res[lead + i] = ts[i] == 1 ? 0 : st[i];
        return res;
    }

    private static void row(BinaryKind kind, float[] a, int ao, int as, float[] b, int bo, int bs,
                            float[] z, int zo, int n, float p0, float p1) {
        switch (kind) {
            case ADD:
                if (as == 1 && bs == 1) { for (int i = 0; i < n; i++) z[zo + i] = a[ao + i] + b[bo + i]; }
                else if (as == 1 && bs == 0) { float v = b[bo]; for (int i = 0; i < n; i++) z[zo + i] = a[ao + i] + v; }
                else for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] + b[bo + i * bs];
                break;
            case ADD_RELU:
                if (VECTOR && as == 1 && bs == 1) VectorElementwise.addRelu(a, ao, b, bo, z, zo, n);
                else for (int i = 0; i < n; i++) z[zo + i] = Math.max(a[ao + i * as] + b[bo + i * bs], 0f);
                break;
            case SUB:
                if (as == 1 && bs == 1) { for (int i = 0; i < n; i++) z[zo + i] = a[ao + i] - b[bo + i]; }
                else for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] - b[bo + i * bs];
                break;
            case MUL:
                if (as == 1 && bs == 1) { for (int i = 0; i < n; i++) z[zo + i] = a[ao + i] * b[bo + i]; }
                else if (as == 1 && bs == 0) { float v = b[bo]; for (int i = 0; i < n; i++) z[zo + i] = a[ao + i] * v; }
                else for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] * b[bo + i * bs];
                break;
            case DIV: for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] / b[bo + i * bs]; break;
            case POW: for (int i = 0; i < n; i++) z[zo + i] = (float) Math.pow(a[ao + i * as], b[bo + i * bs]); break;
            case MAX: for (int i = 0; i < n; i++) z[zo + i] = Math.max(a[ao + i * as], b[bo + i * bs]); break;
            case MIN: for (int i = 0; i < n; i++) z[zo + i] = Math.min(a[ao + i * as], b[bo + i * bs]); break;
            case EQ: for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] == b[bo + i * bs] ? 1f : 0f; break;
            case GT: for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] > b[bo + i * bs] ? 1f : 0f; break;
            case RELU_GRAD:
                if (VECTOR && as == 1 && bs == 1) {
                    VectorElementwise.reluGrad(a, ao, b, bo, z, zo, n);
                    break;
                }
                if (VECTOR && as == 1 && bs == 0) { // a gradient broadcast along the row (after a global pool)
                    VectorElementwise.reluGrad(a, ao, b[bo], z, zo, n);
                    break;
                }
                for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] > 0f ? b[bo + i * bs] : 0f; break;
            case LEAKY_RELU_GRAD:
                for (int i = 0; i < n; i++) z[zo + i] = a[ao + i * as] > 0f ? b[bo + i * bs] : p0 * b[bo + i * bs];
                break;
            case ELU_GRAD:
                for (int i = 0; i < n; i++) {
                    float x = a[ao + i * as], g = b[bo + i * bs];
                    z[zo + i] = x > 0f ? g : (float) (g * p0 * Math.exp(x));
                }
                break;
            case SIGMOID_GRAD:
                for (int i = 0; i < n; i++) { float y = a[ao + i * as]; z[zo + i] = b[bo + i * bs] * y * (1f - y); }
                break;
            case TANH_GRAD:
                for (int i = 0; i < n; i++) { float y = a[ao + i * as]; z[zo + i] = b[bo + i * bs] * (1f - y * y); }
                break;
            case CLIP_GRAD:
                for (int i = 0; i < n; i++) {
                    float x = a[ao + i * as];
                    z[zo + i] = (x >= p0 && x <= p1) ? b[bo + i * bs] : 0f;
                }
                break;
            case ABS_GRAD: for (int i = 0; i < n; i++) z[zo + i] = Math.signum(a[ao + i * as]) * b[bo + i * bs]; break;
            default: throw new UnsupportedOperationException("binary kernel " + kind + " is not implemented on the CPU");
        }
    }
}
