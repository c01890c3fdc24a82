package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.tensor.Tensor;

/** Max and average pooling over independent (N*C) planes, one task per block of planes. */
final class PoolingKernels {
    private PoolingKernels() {}

    static Tensor maxPool(Tensor x, PoolSpec s, int[] argmax) {
        Tensor xc = x.contiguous();
        Tensor y = Tensor.zeros(s.outShape(x.shape()));
        float[] in = xc.data(), out = y.data();
        int xo = xc.offset(), hw = s.h() * s.w(), ohw = s.oh() * s.ow();
        // geometry in locals: the window loops are the whole cost of this kernel
        final int h = s.h(), w = s.w(), oh = s.oh(), ow = s.ow(), kh = s.kh(), kw = s.kw();
        final int sh = s.sh(), sw = s.sw(), pt = s.padTop(), pl0 = s.padLeft(), dh = s.dh(), dw = s.dw();
        Parallel.forRange(s.planes(), Parallel.grainFor(s.planes(), 1), (p0, p1) -> {
            for (int pl = p0; pl < p1; pl++) {
                int base = xo + pl * hw;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int arg = -1;
                        for (int i = 0; i < kh; i++) {
                            int iy = oy * sh - pt + i * dh;
                            if (iy < 0 || iy >= h) continue;
                            for (int j = 0; j < kw; j++) {
                                int ix = ox * sw - pl0 + j * dw;
                                if (ix < 0 || ix >= w) continue;
                                float v = in[base + iy * w + ix];
                                // first maximum in scan order wins ties; NaN propagates as in PyTorch
                                // (v != v: v is NaN; best == best: best is not NaN yet)
                                if (v > best || arg < 0 || (v != v && best == best)) {
                                    best = v;
                                    arg = iy * w + ix;
                                }
                            }
                        }
                        int o = pl * ohw + oy * ow + ox;
                        out[o] = best;
                        argmax[o] = arg;
                    }
                }
            }
        });
        return y;
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
