package org.xai4j.engine.backend;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;

/**
 * The geometry of 2-D pooling over (N, C, H, W) planes (1-D maps to H = 1). Output size per axis as
 * PyTorch/ONNX: floor or ceil of (in + pads - dilation*(k-1) - 1) / stride, plus 1; in ceil mode a
 * last window that would start inside the end padding is dropped.
 */
public record PoolSpec(int planes, int h, int w, int kh, int kw, int sh, int sw,
                       int padTop, int padLeft, int padBottom, int padRight, int dh, int dw, int oh, int ow) {

    public static PoolSpec of(String op, int[] x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd,
                              int[] dilations, boolean ceilMode) {
        int r = x.length - 2;
        if (r < 1 || r > 2) throw new ShapeException(op + ": input must be (N, C, L) or (N, C, H, W), got " + Shape.str(x));
        for (int[] a : new int[][] {kernel, strides, padsBegin, padsEnd, dilations}) {
            if (a.length != r) throw new ShapeException(op + ": expected " + r + " values per attribute for input " + Shape.str(x) + ", got " + a.length);
        }
        int h = r == 2 ? x[2] : 1, w = x[x.length - 1];
        int kh = r == 2 ? kernel[0] : 1, kw = kernel[r - 1];
        int sh = r == 2 ? strides[0] : 1, sw = strides[r - 1];
        int pt = r == 2 ? padsBegin[0] : 0, pl = padsBegin[r - 1], pb = r == 2 ? padsEnd[0] : 0, pr = padsEnd[r - 1];
        int dh = r == 2 ? dilations[0] : 1, dw = dilations[r - 1];
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || dh < 1 || dw < 1 || pt < 0 || pl < 0 || pb < 0 || pr < 0) {
            throw new ShapeException(op + ": kernel, strides and dilations must be >= 1 and pads >= 0");
        }
        int oh = outSize(h, kh, sh, pt, pb, dh, ceilMode), ow = outSize(w, kw, sw, pl, pr, dw, ceilMode);
        if (oh < 1 || ow < 1) throw new ShapeException(op + ": window " + Shape.str(kernel) + " is larger than the padded input " + Shape.str(x));
        return new PoolSpec(x[0] * x[1], h, w, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, oh, ow);
    }

    static int outSize(int in, int k, int s, int pb, int pe, int d, boolean ceil) {
        int span = in + pb + pe - d * (k - 1) - 1;
        if (span < 0) return 0;
        int out = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (out - 1) * s >= in + pb) out--;
        return out;
    }

    public int[] outShape(int[] x) {
        int[] o = x.clone();
        o[o.length - 1] = ow;
        if (o.length == 4) o[2] = oh;
        return o;
    }
}
