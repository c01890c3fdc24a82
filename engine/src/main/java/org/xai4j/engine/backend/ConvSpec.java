package org.xai4j.engine.backend;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;

/**
 * The geometry of a 2-D convolution (1-D convolutions are mapped to H = 1): batch, channels,
 * filters, groups, input and kernel sizes, strides, asymmetric pads and dilations, and the output
 * size floor((in + padBegin + padEnd - dilation*(k-1) - 1) / stride) + 1 per axis.
 */
public record ConvSpec(int n, int c, int f, int groups, int h, int w, int kh, int kw,
                       int sh, int sw, int padTop, int padLeft, int padBottom, int padRight,
                       int dh, int dw, int oh, int ow) {

    /**
     * Validates a convolution of x (N, C, *spatial) with weights (F, C/groups, *kernel), spatial rank 1 or 2.
     * Per-axis arrays have one entry per spatial axis.
     */
    public static ConvSpec of(int[] x, int[] wShape, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, int groups) {
        int r = x.length - 2;
        if (r < 1 || r > 2) {
            throw new ShapeException("Conv: input must be (N, C, L) or (N, C, H, W), got " + Shape.str(x)
                    + (r == 3 ? " (3-D convolution is not supported yet)" : ""));
        }
        if (wShape.length != x.length) {
            throw new ShapeException("Conv: weight " + Shape.str(wShape) + " does not match input " + Shape.str(x));
        }
        for (int[] a : new int[][] {strides, padsBegin, padsEnd, dilations}) {
            if (a.length != r) throw new ShapeException("Conv: expected " + r + " values per attribute for input " + Shape.str(x) + ", got " + a.length);
        }
        if (groups < 1 || x[1] % groups != 0 || wShape[0] % groups != 0) {
            throw new ShapeException("Conv: " + x[1] + " input channels and " + wShape[0] + " filters are not divisible by groups " + groups);
        }
        if (wShape[1] * groups != x[1]) {
            throw new ShapeException("Conv: weight " + Shape.str(wShape) + " expects " + wShape[1] * groups
                    + " input channels (groups " + groups + "), input " + Shape.str(x) + " has " + x[1]);
        }
        int h = r == 2 ? x[2] : 1, w = x[x.length - 1];
        int kh = r == 2 ? wShape[2] : 1, kw = wShape[wShape.length - 1];
        int sh = r == 2 ? strides[0] : 1, sw = strides[r - 1];
        int pt = r == 2 ? padsBegin[0] : 0, pl = padsBegin[r - 1], pb = r == 2 ? padsEnd[0] : 0, pr = padsEnd[r - 1];
        int dh = r == 2 ? dilations[0] : 1, dw = dilations[r - 1];
        if (sh < 1 || sw < 1 || dh < 1 || dw < 1 || pt < 0 || pl < 0 || pb < 0 || pr < 0) {
            throw new ShapeException("Conv: strides and dilations must be >= 1 and pads >= 0");
        }
        int oh = (h + pt + pb - dh * (kh - 1) - 1) / sh + 1;
        int ow = (w + pl + pr - dw * (kw - 1) - 1) / sw + 1;
        if (oh < 1 || ow < 1) {
            throw new ShapeException("Conv: kernel " + Shape.str(wShape) + " (dilated) is larger than the padded input " + Shape.str(x));
        }
        return new ConvSpec(x[0], x[1], wShape[0], groups, h, w, kh, kw, sh, sw, pt, pl, pb, pr, dh, dw, oh, ow);
    }

    /** Input channels per group. */
    public int cg() { return c / groups; }

    /** Filters per group. */
    public int fg() { return f / groups; }

    /** Rows of the im2col matrix per group: cg * kh * kw. */
    public int kg() { return cg() * kh * kw; }

    /** Output positions per sample. */
    public int p() { return oh * ow; }

    /** The output shape in the input's spatial rank. */
    public int[] outShape(int rank) {
        return rank == 1 ? new int[] {n, f, ow} : new int[] {n, f, oh, ow};
    }
}
