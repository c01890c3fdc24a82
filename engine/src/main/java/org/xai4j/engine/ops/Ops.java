package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

/**
 * The differentiable operations, as static functions. Each call runs its primitive's forward on the
 * current backend and, when recording, puts a node on the tape. Composite functions (linear,
 * batch norm, flatten) are built from primitives and get their gradients from them.
 */
public final class Ops {
    private Ops() {}

    // ---- arithmetic (NumPy broadcasting) ------------------------------------------------------
    public static Tensor add(Tensor a, Tensor b) { return new ArithmeticOps.Add().apply(a, b); }
    public static Tensor sub(Tensor a, Tensor b) { return new ArithmeticOps.Sub().apply(a, b); }
    public static Tensor mul(Tensor a, Tensor b) { return new ArithmeticOps.Mul().apply(a, b); }
    public static Tensor div(Tensor a, Tensor b) { return new ArithmeticOps.Div().apply(a, b); }
    /** a ^ b elementwise (both differentiable). */
    public static Tensor pow(Tensor a, Tensor b) { return new ArithmeticOps.Pow().apply(a, b); }
    public static Tensor neg(Tensor x) { return new ArithmeticOps.Neg().apply(x); }

    // ---- elementwise math ----------------------------------------------------------------------
    public static Tensor exp(Tensor x) { return new MathOps.Exp().apply(x); }
    public static Tensor log(Tensor x) { return new MathOps.Log().apply(x); }
    public static Tensor sqrt(Tensor x) { return new MathOps.Sqrt().apply(x); }
    public static Tensor abs(Tensor x) { return new MathOps.Abs().apply(x); }
    /** x ^ p for a constant exponent. */
    public static Tensor pow(Tensor x, float p) { return new MathOps.PowScalar(p).apply(x); }
    /** scale * x + shift. */
    public static Tensor affine(Tensor x, float scale, float shift) { return new MathOps.Affine(scale, shift).apply(x); }
    public static Tensor scale(Tensor x, float s) { return affine(x, s, 0f); }
    public static Tensor addScalar(Tensor x, float s) { return affine(x, 1f, s); }
    /** min(max(x, lo), hi); use ±infinity for a missing bound. */
    public static Tensor clip(Tensor x, float lo, float hi) { return new MathOps.Clip(lo, hi).apply(x); }

    // ---- activations ----------------------------------------------------------------------------
    public static Tensor relu(Tensor x) { return new ActivationOps.Relu().apply(x); }
    public static Tensor leakyRelu(Tensor x, float alpha) { return new ActivationOps.LeakyRelu(alpha).apply(x); }
    public static Tensor elu(Tensor x, float alpha) { return new ActivationOps.Elu(alpha).apply(x); }
    public static Tensor sigmoid(Tensor x) { return new ActivationOps.Sigmoid().apply(x); }
    public static Tensor tanh(Tensor x) { return new ActivationOps.Tanh().apply(x); }
    public static Tensor softmax(Tensor x, int axis) { return new ActivationOps.Softmax(axis, false).apply(x); }
    public static Tensor logSoftmax(Tensor x, int axis) { return new ActivationOps.Softmax(axis, true).apply(x); }

    // ---- linear algebra -------------------------------------------------------------------------
    public static Tensor matmul(Tensor a, Tensor b) { return matmul(a, b, false, false); }

    /** op(a) @ op(b) over the last two axes, op = transpose when the flag is set; batch axes broadcast. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.dim() == 1 || b.dim() == 1) return matmulVector(a, b, transA, transB);
        return new MatMulOp(transA, transB).apply(a, b);
    }

    private static Tensor matmulVector(Tensor a, Tensor b, boolean ta, boolean tb) {
        // NumPy semantics: a 1-D left operand is a row, a 1-D right operand a column, removed afterwards
        boolean av = a.dim() == 1, bv = b.dim() == 1;
        Tensor a2 = av ? unsqueeze(a, 0) : a, b2 = bv ? unsqueeze(b, -1) : b;
        Tensor out = new MatMulOp(ta && !av, tb && !bv).apply(a2, b2);
        if (av) out = squeeze(out, -2);
        if (bv) out = squeeze(out, -1);
        return out;
    }

    /** x @ w^T + b, as torch.nn.Linear (w is out x in; b may be null). */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Tensor y = matmul(x, w, false, true);
        return b == null ? y : add(y, b);
    }

    /** ONNX Gemm: alpha * op(a) @ op(b) + beta * c (c broadcast, may be null). */
    public static Tensor gemm(Tensor a, Tensor b, Tensor c, float alpha, float beta, boolean transA, boolean transB) {
        Tensor y = matmul(a, b, transA, transB);
        if (alpha != 1f) y = scale(y, alpha);
        if (c != null) y = add(y, beta == 1f ? c : scale(c, beta));
        return y;
    }

    // ---- shape ----------------------------------------------------------------------------------
    /** A new shape for the same values (one size may be -1). A view when x is contiguous. */
    public static Tensor reshape(Tensor x, int... shape) { return new ShapeOps.Reshape(Views.resolveShape("reshape", x.shape(), shape)).apply(x); }

    /** Flattens to 2-D: axes before {@code axis} form the rows (ONNX Flatten; torch.flatten(x, 1) for axis 1). */
    public static Tensor flatten(Tensor x, int axis) {
        int[] s = x.shape();
        int ax = axis < 0 ? axis + s.length : axis;
        if (ax < 0 || ax > s.length) throw new ShapeException("Flatten: axis " + axis + " out of range for rank " + s.length);
        int rows = 1;
        for (int i = 0; i < ax; i++) rows *= s[i];
        return reshape(x, rows, rows == 0 ? 0 : Shape.numel(s) / Math.max(rows, 1));
    }

    public static Tensor permute(Tensor x, int... perm) { return new ShapeOps.Permute(perm).apply(x); }

    public static Tensor transpose(Tensor x, int a, int b) {
        int r = x.dim();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        a = Shape.axis("transpose", a, r);
        b = Shape.axis("transpose", b, r);
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    public static Tensor squeeze(Tensor x, int... axes) { return reshape(x, Views.squeeze(x, axes).shape()); }
    public static Tensor unsqueeze(Tensor x, int axis) { return reshape(x, Views.unsqueeze(x, axis).shape()); }

    /** Elements [start, end) with a step along an axis (Python-style clamping, negative indices from the end). */
    public static Tensor slice(Tensor x, int axis, int start, int end, int step) { return new ShapeOps.Slice(axis, start, end, step).apply(x); }

    /** Broadcasts size-1 axes to the given shape without copying. */
    public static Tensor expand(Tensor x, int... shape) { return new ShapeOps.Expand(shape).apply(x); }

    public static Tensor concat(int axis, Tensor... xs) { return new ShapeOps.Concat(axis).apply(xs); }

    /** Pads axis i with begin[i] values before and end[i] after (negative values crop). */
    public static Tensor pad(Tensor x, int[] begin, int[] end, PadOp.Mode mode, float value) {
        return new PadOp(begin, end, mode, value).apply(x);
    }

    /** A contiguous copy (identity for gradients). */
    public static Tensor contiguous(Tensor x) { return x.isContiguous() ? x : new ShapeOps.Contiguous().apply(x); }

    // ---- reductions -----------------------------------------------------------------------------
    /** Sum over axes (all when none given). */
    public static Tensor sum(Tensor x, boolean keepDims, int... axes) { return new ReduceOps.Reduce(ReduceKind.SUM, axes, keepDims).apply(x); }
    public static Tensor mean(Tensor x, boolean keepDims, int... axes) { return new ReduceOps.Reduce(ReduceKind.MEAN, axes, keepDims).apply(x); }
    public static Tensor max(Tensor x, boolean keepDims, int... axes) { return new ReduceOps.Reduce(ReduceKind.MAX, axes, keepDims).apply(x); }
    public static Tensor sum(Tensor x) { return sum(x, false); }

    // ---- indexing -------------------------------------------------------------------------------
    /** out[i][j] = x[i][index[i][j]] along axis (torch.gather); {@code index} is row-major with indexShape. */
    public static Tensor gather(Tensor x, int axis, int[] index, int[] indexShape) { return new GatherOp(axis, index, indexShape).apply(x); }

    /** The target logit of each row: out[r] = x[r, targets[r]], shape (rows). */
    public static Tensor pickTargets(Tensor x, int[] targets) {
        if (x.dim() != 2 || x.size(0) != targets.length) {
            throw new ShapeException("pickTargets: output of shape " + Shape.str(x.shape()) + " for " + targets.length + " targets");
        }
        return reshape(gather(x, 1, targets, new int[] {targets.length, 1}), targets.length);
    }

    // ---- convolution and pooling (N, C, spatial...) with spatial rank 1 or 2 -----------------------
    /**
     * Convolution (cross-correlation, as PyTorch/ONNX): x (N, C, *spatial), w (F, C/groups, *kernel),
     * bias (F) or null; per spatial axis: stride, pad before, pad after, dilation.
     */
    public static Tensor conv(Tensor x, Tensor w, Tensor bias, int[] strides, int[] padsBegin, int[] padsEnd,
                              int[] dilations, int groups) {
        return ConvOp.apply(x, w, bias, strides, padsBegin, padsEnd, dilations, groups);
    }

    /**
     * relu(conv(x, w, bias)): when nothing is recorded (no grad mode, or no input requiring grad) the
     * backend applies the ReLU where it writes each output, saving a pass over the activation; recorded,
     * it is the two differentiable ops. The same values either way.
     */
    public static Tensor convRelu(Tensor x, Tensor w, Tensor bias, int[] strides, int[] padsBegin, int[] padsEnd,
                                  int[] dilations, int groups) {
        if (recorded(x, w, bias)) return relu(conv(x, w, bias, strides, padsBegin, padsEnd, dilations, groups));
        ConvSpec spec = ConvSpec.of(x.shape(), w.shape(), strides,
                padsBegin, padsEnd, dilations, groups);
        if (bias != null && bias.numel() != spec.f()) {
            throw new ShapeException("Conv: bias has " + bias.numel() + " values for " + spec.f() + " filters");
        }
        return Backends.of(x, w, bias).convForwardRelu(x, w, bias, spec);
    }

    /** relu(a + b), in one pass when nothing is recorded (see {@link #convRelu}). */
    public static Tensor addRelu(Tensor a, Tensor b) {
        if (recorded(a, b)) return relu(add(a, b));
        return Backends.of(a, b).binary(BinaryKind.ADD_RELU, a, b, 0f, 0f);
    }

    /** Whether applying an op to these inputs would record it on the tape. */
    private static boolean recorded(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad()) return true;
        return false;
    }

    /** Max pooling; padding never wins; ceil mode as PyTorch/ONNX. */
    public static Tensor maxPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd,
                                 int[] dilations, boolean ceilMode) {
        return PoolOps.maxPool(x, kernel, strides, padsBegin, padsEnd, dilations, ceilMode);
    }

    /** Average pooling; countIncludePad divides by the (padded) window size instead of the valid count. */
    public static Tensor avgPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd,
                                 boolean ceilMode, boolean countIncludePad) {
        return PoolOps.avgPool(x, kernel, strides, padsBegin, padsEnd, ceilMode, countIncludePad);
    }

    /** Mean over every spatial axis, keeping them with size 1: (N, C, 1, ...). */
    public static Tensor globalAvgPool(Tensor x) { return mean(x, true, spatialAxes(x)); }

    /** Max over every spatial axis, keeping them with size 1: (N, C, 1, ...). */
    public static Tensor globalMaxPool(Tensor x) { return max(x, true, spatialAxes(x)); }

    private static int[] spatialAxes(Tensor x) {
        if (x.dim() < 3) throw new ShapeException("global pooling needs (N, C, spatial...), got " + Shape.str(x.shape()));
        int[] ax = new int[x.dim() - 2];
        for (int i = 0; i < ax.length; i++) ax[i] = i + 2;
        return ax;
    }

    // ---- regularization -------------------------------------------------------------------------
    /**
     * Inverted dropout with drop probability p when training (identity otherwise). The mask comes
     * from Philox4x32-10 at (seed, stream, element index): use a new stream per forward pass.
     */
    public static Tensor dropout(Tensor x, float p, boolean training, long seed, long stream) {
        if (!training || p == 0f) return x;
        return new DropoutOp(p, seed, new long[] {stream}).apply(x);
    }

    /**
     * {@link #dropout} over a stack of independent samples: axis 0 splits into {@code streams.length}
     * equal blocks, block b masked from stream b exactly as {@code dropout(block, p, true, seed,
     * streams[b])} would mask it alone (MC dropout passes batched into one forward pass).
     */
    public static Tensor dropout(Tensor x, float p, boolean training, long seed, long[] streams) {
        if (!training || p == 0f) return x;
        return new DropoutOp(p, seed, streams).apply(x);
    }

    // ---- normalization --------------------------------------------------------------------------
    /**
     * Batch normalization at inference: (x - mean) / sqrt(var + eps) * gamma + beta per channel
     * (axis 1), composed from primitives so gradients flow to x.
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, float eps) {
        int c = x.size(1);
        int[] bshape = new int[x.dim()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = c;
        float[] sc = new float[c], sh = new float[c];
        float[] g = gamma.toArray(), b = beta.toArray(), m = mean.toArray(), v = var.toArray();
        for (int i = 0; i < c; i++) {
            sc[i] = (float) (g[i] / Math.sqrt(v[i] + (double) eps));
            sh[i] = b[i] - m[i] * sc[i];
        }
        return add(mul(x, Tensor.of(sc, bshape)), Tensor.of(sh, bshape));
    }
}
