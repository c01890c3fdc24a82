package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

import java.util.Arrays;

/**
 * Reductions. The reduced axes are brought together (a permuted copy if they are not already one
 * consecutive block), then the data is seen as outer x R x inner and reduced over R in index order,
 * so the summation order depends only on the shape.
 */
final class ReduceKernels {
    private ReduceKernels() {}

    static Tensor reduce(ReduceKind kind, Tensor x, int[] axes, boolean keepDims) {
        int[] shape = x.shape();
        int r = shape.length;
        int[] outKeep = shape.clone();
        for (int a : axes) outKeep[a] = 1;
        int[] outShape = keepDims ? outKeep : dropAxes(shape, axes);
        if (axes.length == 0) return Views.reshape(x.contiguous(), outShape).contiguous();

        Tensor src = x;
        int first = axes[0], last = axes[axes.length - 1];
        boolean block = last - first + 1 == axes.length;
        if (!block) {
            // move the reduced axes to the end, keeping the others in order
            int[] perm = new int[r];
            int k = 0;
            for (int i = 0; i < r; i++) if (Arrays.binarySearch(axes, i) < 0) perm[k++] = i;
            for (int a : axes) perm[k++] = a;
            src = Views.permute(x, perm);
            first = r - axes.length;
            last = r - 1;
        }
        src = src.contiguous();
        int[] ss = src.shape();
        int outer = 1, red = 1, inner = 1;
        for (int i = 0; i < first; i++) outer *= ss[i];
        for (int i = first; i <= last; i++) red *= ss[i];
        for (int i = last + 1; i < ss.length; i++) inner *= ss[i];
        if (red == 0 && (kind == ReduceKind.MAX || kind == ReduceKind.MIN)) {
            throw new IllegalArgumentException("reduce " + kind + ": cannot reduce an empty axis of shape " + Shape.str(shape));
        }
        Tensor out = Tensor.zeros(outShape);
        float[] in = src.data(), o = out.data();
        int io = src.offset();
        if (outer == 1 && inner == 1 && red >= 2 * CHUNK) {
            o[0] = reduceLong(kind, in, io, red);
            return out;
        }
        final int fRed = red, fInner = inner;
        Parallel.forRange(outer, Math.max(1, (1 << 14) / Math.max(1, red * inner)), (s, e) -> {
            for (int ou = s; ou < e; ou++) {
                int base = io + ou * fRed * fInner, ob = ou * fInner;
                reduceBlock(kind, in, base, fRed, fInner, o, ob);
            }
        });
        return out;
    }

    /** Fixed-size chunks reduced in parallel and combined in chunk order: the same result for any thread count. */
    private static final int CHUNK = 1 << 15;

    private static float reduceLong(ReduceKind kind, float[] in, int off, int n) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[] partial = new double[chunks];
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int s = off + c * CHUNK, e = Math.min(off + n, s + CHUNK);
                if (kind == ReduceKind.SUM || kind == ReduceKind.MEAN) {
                    partial[c] = sum(in, s, e - s);
                } else {
                    float acc = init(kind);
                    for (int i = s; i < e; i++) acc = kind == ReduceKind.MAX ? Math.max(acc, in[i]) : Math.min(acc, in[i]);
                    partial[c] = acc;
                }
            }
        });
        double r = kind == ReduceKind.SUM || kind == ReduceKind.MEAN ? 0 : partial[0];
        for (double v : partial) {
            if (kind == ReduceKind.SUM || kind == ReduceKind.MEAN) r += v;
            else r = kind == ReduceKind.MAX ? Math.max(r, v) : Math.min(r, v);
        }
        return (float) (kind == ReduceKind.MEAN ? r / n : r);
    }

    /** Sum of n floats in float64 with four independent accumulators (a fixed order, four times the throughput of one chain). */
    static double sum(float[] a, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[off + i];
            s1 += a[off + i + 1];
            s2 += a[off + i + 2];
            s3 += a[off + i + 3];
        }
        for (; i < n; i++) s0 += a[off + i];
        return (s0 + s1) + (s2 + s3);
    }

    private static void reduceBlock(ReduceKind kind, float[] in, int base, int red, int inner, float[] o, int ob) {
        if (inner == 1) {
            float acc = init(kind);
            switch (kind) {
                case SUM: case MEAN: {
                    double s = sum(in, base, red);
                    acc = (float) (kind == ReduceKind.MEAN ? s / red : s);
                    break;
                }
                case MAX: for (int i = 0; i < red; i++) acc = Math.max(acc, in[base + i]); break;
                case MIN: for (int i = 0; i < red; i++) acc = Math.min(acc, in[base + i]); break;
                default: throw new AssertionError(kind);
            }
            o[ob] = acc;
            return;
        }
        Arrays.fill(o, ob, ob + inner, init(kind));
        for (int rr = 0; rr < red; rr++) {
            int p = base + rr * inner;
            switch (kind) {
                case SUM: case MEAN: for (int i = 0; i < inner; i++) o[ob + i] += in[p + i]; break;
                case MAX: for (int i = 0; i < inner; i++) o[ob + i] = Math.max(o[ob + i], in[p + i]); break;
                case MIN: for (int i = 0; i < inner; i++) o[ob + i] = Math.min(o[ob + i], in[p + i]); break;
                default: throw new AssertionError(kind);
            }
        }
        if (kind == ReduceKind.MEAN) {
            float inv = 1f / red;
            for (int i = 0; i < inner; i++) o[ob + i] *= inv;
        }
    }

    private static float init(ReduceKind kind) {
        switch (kind) {
            case MAX: return Float.NEGATIVE_INFINITY;
            case MIN: return Float.POSITIVE_INFINITY;
            default: return 0f;
        }
    }

    static int[] dropAxes(int[] shape, int[] axes) {
        int[] out = new int[shape.length - axes.length];
        for (int i = 0, j = 0; i < shape.length; i++) if (Arrays.binarySearch(axes, i) < 0) out[j++] = shape[i];
        return out;
    }
}
