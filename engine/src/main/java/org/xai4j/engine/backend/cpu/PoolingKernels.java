package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.tensor.Tensor;

/** Max and average pooling over independent (N*C) planes, one task per block of planes. */
final class PoolingKernels {
    /** Whether {@link VectorElementwise} may run (the Vector API module is there). */
    private static final boolean VECTOR = Gemm.vectorized();

    private PoolingKernels() {}

    /**
     * Max pooling in two steps per output row: the maximum over the window's rows for every input column
     * (a vector loop over contiguous columns), then over the window's columns. For the argmax (asked for
     * when a gradient will be taken) the first step also keeps the row each column maximum came from,
     * and the second breaks ties by the smaller flat index, which is the first in scan order. Finding the
     * maximum and its position in one compare-and-branch pass over each window took 20 ns per output:
     * which tap wins is unpredictable.
     */
    static Tensor maxPool(Tensor x, PoolSpec s, int[] argmax) {
        Tensor xc = x.contiguous();
        Tensor y = Tensor.empty(s.outShape(x.shape()));
        float[] in = xc.data(), out = y.data();
        int xo = xc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        final int h = s.h(), w = s.w(), oh = s.oh(), ow = s.ow(), kh = s.kh(), kw = s.kw();
        final int sh = s.sh(), sw = s.sw(), pt = s.padTop(), pl0 = s.padLeft(), dh = s.dh(), dw = s.dw();
        boolean track = argmax != null;
        // the common 2x2, stride-2 pooling with every window inside the input: its own loop
        boolean twoByTwo = kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl0 == 0 && dh == 1 && dw == 1
                && 2 * oh <= h && 2 * ow <= w;
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
            float[] colMax = new float[w];
            float[] colRow = track ? new float[w] : null;
            // the vector 2x2 loops (the tracking one writes offsets through float lanes: exact below 2^24)
            float[][] scratch = VECTOR && (!track || hw <= 1 << 24)
                    ? new float[][] {new float[VectorElementwise.lanes()], new float[VectorElementwise.lanes()]} : null;
            for (int pl = p0; pl < p1; pl++) {
                int base = xo + pl * hw;
                if (twoByTwo) {
                    for (int oy = 0; oy < oh; oy++) {
                        maxPool2x2(in, base, w, oy, ow, out, pl * ohw + oy * ow, track ? argmax : null, scratch);
                    }
                    continue;
                }
                if (kh == 1 && !track && VECTOR && dw == 1 && pl0 == 0 && (ow - 1) * sw + kw <= w) {
                    // unrecorded windows one row high, all inside the row: sliding maxima in vectors
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - pt;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(out, pl * ohw + oy * ow, pl * ohw + (oy + 1) * ow, Float.NEGATIVE_INFINITY);
                            continue;
                        }
                        slidingMaxRow(in, base + iy * w, w, ow, kw, sw, colMax, out, pl * ohw + oy * ow);
                    }
                    continue;
                }
                if (kh == 1) {
                    // windows one row high (every 1-D pooling): scan the row in place
                    for (int oy = 0; oy < oh; oy++) {
                        maxPoolRow(in, base, oy * sh - pt, h, w, ow, kw, sw, pl0, dw, out, pl * ohw + oy * ow,
                                track ? argmax : null);
                    }
                    continue;
                }
                for (int oy = 0; oy < oh; oy++) {
                    int iy0 = oy * sh - pt;
                    boolean anyRow = false;
                    for (int i = 0; i < kh; i++) {
                        int iy = iy0 + i * dh;
                        if (iy < 0 || iy >= h) continue;
                        int row = base + iy * w;
                        if (!anyRow) {
                            System.arraycopy(in, row, colMax, 0, w);
                            if (track) java.util.Arrays.fill(colRow, iy);
                            anyRow = true;
                        } else if (track) {
                            if (VECTOR) VectorElementwise.maxIntoTracking(in, row, colMax, colRow, iy, w);
                            else ScalarMax.maxIntoTracking(in, row, colMax, colRow, iy, w);
                        } else {
                            // Math.max propagates NaN, as the pooled maximum must
                            if (VECTOR) VectorElementwise.maxInto(in, row, colMax, 0, w);
                            else for (int c = 0; c < w; c++) colMax[c] = Math.max(colMax[c], in[row + c]);
                        }
                    }
                    for (int ox = 0; ox < ow; ox++) {
                        int ix0 = ox * sw - pl0, o = pl * ohw + oy * ow + ox;
                        float best = Float.NEGATIVE_INFINITY;
                        int bestIdx = -1;
                        for (int j = 0; j < kw && anyRow; j++) {
                            int ix = ix0 + j * dw;
                            if (ix < 0 || ix >= w) continue;
                            float v = colMax[ix];
                            if (!track) {
                                best = bestIdx < 0 ? v : Math.max(best, v);
                                bestIdx = 0;
                                continue;
                            }
                            int a = (int) colRow[ix] * w + ix;
                            boolean take;
                            if (bestIdx < 0) take = true;
                            else if (best != best) take = v != v && a < bestIdx;        // first NaN wins
                            else take = v != v || v > best || (v == best && a < bestIdx);
                            if (take) {
                                best = v;
                                bestIdx = a;
                            }
                        }
                        if (bestIdx < 0) {
                            // a window entirely in the padding: -inf, no argmax
                            out[o] = Float.NEGATIVE_INFINITY;
                            if (track) argmax[o] = -1;
                        } else if (track) {
                            argmax[o] = bestIdx;
                            out[o] = in[base + bestIdx]; // the first maximum itself (-0 and 0 compare equal)
                        } else {
                            out[o] = best;
                        }
                    }
                }
            }
        });
        return y;
    }

    /** The scalar twin of {@link VectorElementwise#maxIntoTracking}. */
    private static final class ScalarMax {
        static void maxIntoTracking(float[] x, int xo, float[] z, float[] zRow, float row, int n) {
            for (int i = 0; i < n; i++) {
                float v = x[xo + i], cur = z[i];
                if (v > cur || (v != v && cur == cur)) {
                    z[i] = v;
                    zRow[i] = row;
                }
            }
        }
    }

    /**
     * One output row of a pooling whose windows are one input row high (input row iy of the plane at base):
     * the same values and argmax as the general loop (the first maximum; the first NaN if any), without its
     * column-maximum buffer. out[o + ox] and argmax[o + ox] are modified.
     */
    private static void maxPoolRow(float[] in, int base, int iy, int h, int w, int ow, int kw, int sw, int padLeft,
                                   int dw, float[] out, int o, int[] argmax) {
        if (iy < 0 || iy >= h) {
            java.util.Arrays.fill(out, o, o + ow, Float.NEGATIVE_INFINITY);
            if (argmax != null) java.util.Arrays.fill(argmax, o, o + ow, -1);
            return;
        }
        int row = base + iy * w;
        for (int ox = 0; ox < ow; ox++) {
            int ix0 = ox * sw - padLeft;
            float best = Float.NEGATIVE_INFINITY;
            int bestIx = -1;
            for (int j = 0; j < kw; j++) {
                int ix = ix0 + j * dw;
                if (ix < 0 || ix >= w) continue;
                float v = in[row + ix];
                if (argmax == null) {
                    best = bestIx < 0 ? v : Math.max(best, v); // as the general loop: Math.max propagates NaN
                    bestIx = ix;
                } else if (bestIx < 0 || v > best || (v != v && best == best)) {
                    best = v;
                    bestIx = ix;
                }
            }
            out[o + ox] = bestIx < 0 ? Float.NEGATIVE_INFINITY : best;
            if (argmax != null) argmax[o + ox] = bestIx < 0 ? -1 : iy * w + bestIx;
        }
    }

    /**
     * out[o + ox] = the maximum (Math.max's: NaN wins, +0 over -0) of in[row + ox·sw .. + kw) for every window
     * inside the row. The row's maxima over runs of 1, 2, 4, .. P values (P the largest power of two up to kw)
     * are built in m by halving steps, each a vector loop, and a window is then the maximum of two runs:
     * [start, start + P) and [start + kw − P, start + kw). A window's maximum does not depend on the order its
     * values are taken in. The DNA CNN's max pools (4 and 25 wide) went one value at a time, a chain of
     * Math.max per window, and took 30 % of its occlusion.
     *
     * @param m scratch of at least w floats
     */
    private static void slidingMaxRow(float[] in, int row, int w, int ow, int kw, int sw, float[] m, float[] out, int o) {
        int p = Integer.highestOneBit(kw);
        System.arraycopy(in, row, m, 0, w);
        // after the step with shift s, m[i] is the maximum of in[row + i .. row + i + 2s), for i <= w - 2s
        for (int s = 1, valid = w; s < p; s <<= 1) {
            valid -= s;
            VectorElementwise.maxShifted(m, s, valid);
        }
        for (int ox = 0; ox < ow; ox++) {
            int start = ox * sw;
            out[o + ox] = p == kw ? m[start] : Math.max(m[start], m[start + kw - p]);
        }
    }

    /**
     * Output row oy of a 2x2, stride-2 pooling with every window inside the plane at base: the same values
     * and argmax as the general loop (window scanned row by row; the first maximum, or the first NaN).
     */
    private static void maxPool2x2(float[] in, int base, int w, int oy, int ow, float[] out, int o, int[] argmax,
                                   float[][] scratch) {
        int r0 = base + 2 * oy * w, r1 = r0 + w, rel = 2 * oy * w;
        int ox = 0;
        if (scratch != null) {
            ox = argmax != null ? VectorElementwise.maxPool2x2Tracking(in, r0, w, 0, ow, out, o, argmax, rel, scratch[0], scratch[1])
                    : VectorElementwise.maxPool2x2(in, r0, w, 0, ow, out, o, scratch[0]);
        }
        for (; ox < ow; ox++) {
            int x0 = 2 * ox;
            float a = in[r0 + x0], b = in[r0 + x0 + 1], c = in[r1 + x0], d = in[r1 + x0 + 1];
            if (argmax == null) {
                // as the general loop: column maxima, then across (Math.max propagates NaN)
                out[o + ox] = Math.max(Math.max(a, c), Math.max(b, d));
                continue;
            }
            // the rule of the general loop without branches: a window's values are as likely in one order as in
            // another, so branches mispredicted half the time. 100 x 8 x 32 x 32 with the argmax, one thread
            // (Zen 4): branches 2.7 ms, this 1.6 ms, the vector loop 0.5 ms (without the argmax: scalar 0.4 ms,
            // vector 0.26 ms with 8 lanes).
            // A value takes over when greater, or when NaN while the best is not.
            int bits = Float.floatToRawIntBits(a), k = 0;
            float best = a;
            int m = (b > best) | (b != b & best == best) ? -1 : 0;
            bits = (Float.floatToRawIntBits(b) & m) | (bits & ~m);
            k = (1 & m) | (k & ~m);
            best = Float.intBitsToFloat(bits);
            m = (c > best) | (c != c & best == best) ? -1 : 0;
            bits = (Float.floatToRawIntBits(c) & m) | (bits & ~m);
            k = (2 & m) | (k & ~m);
            best = Float.intBitsToFloat(bits);
            m = (d > best) | (d != d & best == best) ? -1 : 0;
            bits = (Float.floatToRawIntBits(d) & m) | (bits & ~m);
            k = (3 & m) | (k & ~m);
            out[o + ox] = Float.intBitsToFloat(bits);
            argmax[o + ox] = rel + (k >> 1) * w + x0 + (k & 1);
        }
    }

    static Tensor maxPoolBackward(Tensor gy, int[] argmax, PoolSpec s, int[] xShape) {
        Tensor gc = gy.contiguous();
        Tensor dx = Tensor.empty(xShape); // each plane is cleared by the task that adds into it
        float[] g = gc.data(), d = dx.data();
        int go = gc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
            java.util.Arrays.fill(d, p0 * hw, p1 * hw, 0f);
            for (int pl = p0; pl < p1; pl++) {
                for (int q = 0; q < ohw; q++) {
                    int a = argmax[pl * ohw + q];
                    if (a >= 0) d[pl * hw + a] += g[go + pl * ohw + q];
                }
            }
        });
        return dx;
    }

    /** The PyTorch divisor and clamped window of output (oy, ox): {hs, he, ws, we, divisor}. */
    private static int[] window(PoolSpec s, int oy, int ox, boolean countIncludePad) {
        int hs = oy * s.sh() - s.padTop(), ws = ox * s.sw() - s.padLeft();
        int he = Math.min(hs + s.kh(), s.h() + s.padBottom()), we = Math.min(ws + s.kw(), s.w() + s.padRight());
        int poolSize = (he - hs) * (we - ws);
        hs = Math.max(hs, 0);
        ws = Math.max(ws, 0);
        he = Math.min(he, s.h());
        we = Math.min(we, s.w());
        int div = countIncludePad ? poolSize : (he - hs) * (we - ws);
        return new int[] {hs, he, ws, we, Math.max(div, 1)};
    }

    static Tensor avgPool(Tensor x, PoolSpec s, boolean countIncludePad) {
        Tensor xc = x.contiguous();
        Tensor y = Tensor.empty(s.outShape(x.shape()));
        float[] in = xc.data(), out = y.data();
        int xo = xc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
            for (int pl = p0; pl < p1; pl++) {
                int base = xo + pl * hw;
                for (int oy = 0; oy < s.oh(); oy++) {
                    for (int ox = 0; ox < s.ow(); ox++) {
                        int[] win = window(s, oy, ox, countIncludePad);
                        double sum = 0;
                        for (int iy = win[0]; iy < win[1]; iy++) {
                            for (int ix = win[2]; ix < win[3]; ix++) sum += in[base + iy * s.w() + ix];
                        }
                        out[pl * ohw + oy * s.ow() + ox] = (float) (sum / win[4]);
                    }
                }
            }
        });
        return y;
    }

    static Tensor avgPoolBackward(Tensor gy, PoolSpec s, boolean countIncludePad, int[] xShape) {
        Tensor gc = gy.contiguous();
        Tensor dx = Tensor.empty(xShape); // each plane is cleared by the task that adds into it
        float[] g = gc.data(), d = dx.data();
        int go = gc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
            java.util.Arrays.fill(d, p0 * hw, p1 * hw, 0f);
            for (int pl = p0; pl < p1; pl++) {
                for (int oy = 0; oy < s.oh(); oy++) {
                    for (int ox = 0; ox < s.ow(); ox++) {
                        int[] win = window(s, oy, ox, countIncludePad);
                        float v = g[go + pl * ohw + oy * s.ow() + ox] / win[4];
                        for (int iy = win[0]; iy < win[1]; iy++) {
                            for (int ix = win[2]; ix < win[3]; ix++) d[pl * hw + iy * s.w() + ix] += v;
                        }
                    }
                }
            }
        });
        return dx;
    }
}
