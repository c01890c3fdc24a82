package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.tensor.Tensor;

/** Max and average pooling over independent (N*C) planes, one task per block of planes. */
final class PoolingKernels {
    private PoolingKernels() {}

    /**
     * Max pooling in two steps per output row: the maximum over the window's rows for every input column
     * (a loop over contiguous columns that C2 vectorizes), then over the window's columns; the argmax, if
     * asked for, by a scan for the first input equal to that maximum. Finding the maximum and its position
     * in one pass of compare-and-branch took 20 ns per output: which tap wins is unpredictable.
     */
    static Tensor maxPool(Tensor x, PoolSpec s, int[] argmax) {
        Tensor xc = x.contiguous();
        Tensor y = Tensor.zeros(s.outShape(x.shape()));
        float[] in = xc.data(), out = y.data();
        int xo = xc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        final int h = s.h(), w = s.w(), oh = s.oh(), ow = s.ow(), kh = s.kh(), kw = s.kw();
        final int sh = s.sh(), sw = s.sw(), pt = s.padTop(), pl0 = s.padLeft(), dh = s.dh(), dw = s.dw();
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
            float[] colMax = new float[w];
            for (int pl = p0; pl < p1; pl++) {
                int base = xo + pl * hw;
                for (int oy = 0; oy < oh; oy++) {
                    int iy0 = oy * sh - pt;
                    int first = -1;
                    for (int i = 0; i < kh; i++) {
                        int iy = iy0 + i * dh;
                        if (iy < 0 || iy >= h) continue;
                        int row = base + iy * w;
                        if (first < 0) {
                            System.arraycopy(in, row, colMax, 0, w);
                            first = i;
                        } else {
                            // Math.max propagates NaN, as the pooled maximum must
                            for (int c = 0; c < w; c++) colMax[c] = Math.max(colMax[c], in[row + c]);
                        }
                    }
                    for (int ox = 0; ox < ow; ox++) {
                        int ix0 = ox * sw - pl0, o = pl * ohw + oy * ow + ox;
                        float best = Float.NEGATIVE_INFINITY;
                        boolean any = false;
                        for (int j = 0; j < kw; j++) {
                            int ix = ix0 + j * dw;
                            if (ix < 0 || ix >= w) continue;
                            best = any ? Math.max(best, colMax[ix]) : colMax[ix];
                            any = true;
                        }
                        if (!any || first < 0) {
                            // a window entirely in the padding: -inf, no argmax (as before)
                            out[o] = Float.NEGATIVE_INFINITY;
                            if (argmax != null) argmax[o] = -1;
                            continue;
                        }
                        out[o] = best;
                        if (argmax != null) argmax[o] = firstMaximum(in, base, h, w, iy0, ix0, kh, kw, dh, dw, best);
                    }
                }
            }
        });
        // the value at the argmax is the maximum except for the sign of a zero (-0 == 0): take it from there
        if (argmax != null) {
            Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
                for (int pl = p0; pl < p1; pl++) {
                    for (int q = 0; q < ohw; q++) {
                        int a = argmax[pl * ohw + q];
                        if (a >= 0) out[pl * ohw + q] = in[xo + pl * hw + a];
                    }
                }
            });
        }
        return y;
    }

    /** Index in the plane of the first input in the window, in scan order, equal to best (or NaN if best is). */
    private static int firstMaximum(float[] in, int base, int h, int w, int iy0, int ix0, int kh, int kw,
                                    int dh, int dw, float best) {
        boolean nan = best != best;
        for (int i = 0; i < kh; i++) {
            int iy = iy0 + i * dh;
            if (iy < 0 || iy >= h) continue;
            for (int j = 0; j < kw; j++) {
                int ix = ix0 + j * dw;
                if (ix < 0 || ix >= w) continue;
                float v = in[base + iy * w + ix];
                if (nan ? v != v : v == best) return iy * w + ix;
            }
        }
        return -1;
    }

    static Tensor maxPoolBackward(Tensor gy, int[] argmax, PoolSpec s, int[] xShape) {
        Tensor gc = gy.contiguous();
        Tensor dx = Tensor.zeros(xShape);
        float[] g = gc.data(), d = dx.data();
        int go = gc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
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
        Tensor y = Tensor.zeros(s.outShape(x.shape()));
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
        Tensor dx = Tensor.zeros(xShape);
        float[] g = gc.data(), d = dx.data();
        int go = gc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
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
