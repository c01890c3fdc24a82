package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.ConvSpec;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

/**
 * Convolution as im2col + GEMM over blocks of samples (one GEMM per group per block), the column
 * buffer bounded to {@link #MAX_COLUMN_FLOATS}. Backward data is W^T GEMM + col2im; backward weight
 * accumulates dY cols^T over the blocks in sample order, so results do not depend on thread count.
 */
final class ConvolutionKernels {
    /**
     * Largest im2col buffer (floats) built at once: 8 MiB, so the column matrix the GEMM reads is still
     * in the last-level cache (32 MiB here) when im2col has written it. ResNet-18 forward + input
     * gradient at batch 50: 64 MiB blocks spent 275 ms per pass in GEMM, 8 MiB blocks 238 ms.
     */
    static final int MAX_COLUMN_FLOATS = 2 << 20;

    private ConvolutionKernels() {}

    static int blockSize(ConvSpec s) {
        long perSample = (long) s.c() * s.kh() * s.kw() * s.p();
        return (int) Math.max(1, Math.min(s.n(), MAX_COLUMN_FLOATS / Math.max(1, perSample)));
    }

    /**
     * Whether 3x3 stride-1 layers run Winograd's algorithm ({@link WinogradConvolution}): needs the
     * Vector API; {@code -Dxai4j.winograd=false} keeps every layer on im2col + GEMM.
     */
    static final boolean WINOGRAD = Gemm.vectorized()
            && !"false".equalsIgnoreCase(System.getProperty("xai4j.winograd", "true").trim());

    static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape) {
        return forward(x, w, bias, s, outShape, !w.requiresGrad(), false);
    }

    /** max(x * w + bias, 0) with the ReLU applied where each output is written (no second pass). */
    static Tensor forwardRelu(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape) {
        return forward(x, w, bias, s, outShape, !w.requiresGrad(), true);
    }

    /**
     * Whether layers with few taps run {@link DirectConvolution}: needs the Vector API;
     * {@code -Dxai4j.direct=false} keeps them on im2col + GEMM (the same bits).
     */
    static final boolean DIRECT = Gemm.vectorized()
            && !"false".equalsIgnoreCase(System.getProperty("xai4j.direct", "true").trim());

    /**
     * @param constantWeights whether w is not trained, so transformed forms of it may be kept
     * @param relu            whether each output is max(value, 0) (a ReLU fused into the last write)
     */
    private static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape, boolean constantWeights,
                                  boolean relu) {
        if (DIRECT && DirectConvolution.applies(s)) {
            float[] packed = constantWeights ? packedWeights(PACKED_W, w, false, s.f(), s.kg()) : packW(w, s.f(), s.kg());
            return DirectConvolution.forward(x, packed, bias, s, outShape, relu);
        }
        if (WINOGRAD && WinogradConvolution.applies(s)) {
            return WinogradConvolution.forward(x, w, bias, s, outShape, constantWeights, relu);
        }
        return forwardIm2col(x, w, bias, s, outShape, constantWeights, relu);
    }

    /** Largest packed B panel (floats) of {@link #forwardByPanels}: 1 MiB, at home in L2 with its C panel. */
    private static final int PANEL_FLOATS = 1 << 18;

    /**
     * Columns per panel of {@link #forwardByPanels}, or 0 when the batch has too few columns for two
     * panels per thread (then the GEMM itself is split between the threads).
     */
    static int panelColumns(ConvSpec s) {
        long width = (long) s.n() * s.p();
        int nr = Gemm.packedWidth(Integer.MAX_VALUE);
        int cols = Math.max(nr, Math.min(512, PANEL_FLOATS / s.kg() / nr * nr));
        long perThread = (width + 2L * Parallel.threads() - 1) / (2L * Parallel.threads());
        cols = (int) Math.min(cols, (perThread + nr - 1) / nr * nr);
        return width >= 2L * Parallel.threads() * nr && width <= Integer.MAX_VALUE ? cols : 0;
    }

    /** The convolution as im2col + GEMM, for any spec. */
    static Tensor forwardIm2col(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape, boolean constantWeights) {
        return forwardIm2col(x, w, bias, s, outShape, constantWeights, false);
    }

    /** {@link #forwardIm2col}, each output max(value, 0) if relu. */
    static Tensor forwardIm2col(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape, boolean constantWeights,
                                boolean relu) {
        if (s.groups() == 1 && panelColumns(s) > 0) return forwardByPanels(x, w, bias, s, outShape, constantWeights, relu);
        Tensor xc = x.contiguous(), wc = w.contiguous();
        Tensor y = Tensor.empty(outShape);
        float[] yd = y.data(), wd = wc.data();
        float[] bd = bias == null ? null : bias.contiguous().toArray();
        int kg = s.kg(), fg = s.fg(), p = s.p();
        int block = blockSize(s);
        boolean prepacked = s.groups() == 1;
        float[] wPacked = prepacked && constantWeights ? packedWeights(PACKED_W, w, false, fg, kg) : null;
        int maxWidth = block * p;
        float[] cols = Workspace.get(Workspace.COLUMNS, (int) (prepacked ? Gemm.packedSize(maxWidth, kg) : (long) s.c() * s.kh() * s.kw() * maxWidth));
        float[] yb = Workspace.get(Workspace.GEMM_OUT, s.f() * block * p);
        for (int n0 = 0; n0 < s.n(); n0 += block) {
            int nb = Math.min(block, s.n() - n0), width = nb * p;
            if (prepacked) {
                // one group: im2col writes the GEMM's packed B directly (no copy of the column matrix)
                Im2Col.im2colPacked(s, xc.data(), xc.offset(), n0, nb, Gemm.packedWidth(width), cols);
                if (wPacked != null) Gemm.sgemmPrepackedA(fg, width, kg, wPacked, false, null, 0, 0, cols, yb, 0, width);
                else Gemm.sgemmPrepackedB(fg, width, kg, wd, wc.offset(), kg, cols, yb, 0, width);
            } else {
                Im2Col.im2col(s, xc.data(), xc.offset(), n0, nb, cols);
                for (int g = 0; g < s.groups(); g++) {
                    Gemm.sgemm(false, false, fg, width, kg, 1f, wd, wc.offset() + g * fg * kg, kg,
                            cols, g * kg * width, width, 0f, yb, g * fg * width, width);
                }
            }
            // yb is (F, nb, P): scatter to y (N, F, P) and add the bias, one task per (sample, filter) row
            final int first = n0;
            Parallel.forRange(nb * s.f(), Parallel.grainFor(nb * s.f(), Math.max(1, 4096 / p)), (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int sm = r / s.f(), f = r % s.f();
                    int src = f * width + sm * p, dst = ((first + sm) * s.f() + f) * p;
                    float b = bd == null ? 0f : bd[f];
                    if (relu) Epilogue.biasRelu(yb, src, b, yd, dst, p);
                    else for (int q = 0; q < p; q++) yd[dst + q] = yb[src + q] + b;
                }
            });
        }
        return y;
    }

    /**
     * One-group im2col + GEMM cut into panels of columns (output positions across the batch), one task per
     * panel: its im2col block, its product with the packed weights and its scatter to y happen back to back
     * on one thread while the panel is in L2. Building the whole block's column matrix first and
     * multiplying it after went through the last-level cache twice (ResNet-18's stride-2 layers at batch
     * 64). The same sums as the block path: each C element's GEMM does not depend on the columns beside it.
     */
    private static Tensor forwardByPanels(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape, boolean constantWeights,
                                          boolean relu) {
        Tensor xc = x.contiguous(), wc = w.contiguous();
        Tensor y = Tensor.empty(outShape);
        float[] yd = y.data(), wd = wc.data();
        float[] bd = bias == null ? null : bias.contiguous().toArray();
        final int kg = s.kg(), f = s.f(), p = s.p(), cols = panelColumns(s);
        final long width = (long) s.n() * p;
        float[] wPacked = constantWeights ? packedWeights(PACKED_W, w, false, f, kg) : null;
        int panels = (int) ((width + cols - 1) / cols);
        Parallel.forRange(panels, 1, (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                int first = q * cols, n = (int) Math.min(cols, width - first), nr = Gemm.packedWidth(n);
                float[] b = Workspace.get(Workspace.COLUMNS, (int) Gemm.packedSize(n, kg));
                float[] c = Workspace.get(Workspace.GEMM_OUT, f * n);
                Im2Col.im2colPackedColumns(s, xc.data(), xc.offset(), first, n, nr, b);
                if (wPacked != null) Gemm.sgemmPrepackedA(f, n, kg, wPacked, false, null, 0, 0, b, c, 0, n);
                else Gemm.sgemmPrepackedB(f, n, kg, wd, wc.offset(), kg, b, c, 0, n);
                // c is (F, n): columns [first, first + n) of (sample, position); into y (N, F, P) plus the bias
                for (int col = 0; col < n; ) {
                    int sm = (first + col) / p, pos = (first + col) % p, run = Math.min(n - col, p - pos);
                    for (int fi = 0; fi < f; fi++) {
                        float bv = bd == null ? 0f : bd[fi];
                        int src = fi * n + col, dst = (sm * f + fi) * p + pos;
                        if (relu) Epilogue.biasRelu(c, src, bv, yd, dst, run);
                        else for (int t = 0; t < run; t++) yd[dst + t] = c[src + t] + bv;
                    }
                    col += run;
                }
            }
        });
        return y;
    }

    /** y = max(x + bias, 0) over a run: vectorized where the JVM has the Vector API (a plain Math.max loop is not). */
    private static final class Epilogue {
        static void biasRelu(float[] x, int xo, float bias, float[] y, int yo, int n) {
            if (Gemm.vectorized()) VectorElementwise.biasRelu(x, xo, bias, y, yo, n);
            else for (int i = 0; i < n; i++) y[yo + i] = Math.max(x[xo + i] + bias, 0f);
        }
    }

    /**
     * gy (N, F, P) for samples [n0, n0+nb) as the GEMM's packed B of the (F, nb*P) matrix ({@link GemmPacking}:
     * K blocks of KC filters, slivers of nr columns), sliver by sliver. packed is Modified.
     */
    private static void gatherGradPacked(float[] gy, int gOff, ConvSpec s, int n0, int nb, int nr, float[] packed) {
        final int p = s.p(), f = s.f(), width = nb * p, nPad = (width + nr - 1) / nr * nr, kc = GemmSummation.KC;
        Parallel.forRange(nPad / nr, Parallel.grainFor(nPad / nr, 4), (s0, s1) -> {
            for (int sl = s0; sl < s1; sl++) {
                int valid = Math.min(nr, width - sl * nr);
                for (int k0 = 0; k0 < f; k0 += kc) {
                    int kcb = Math.min(kc, f - k0), d = k0 * nPad + sl * kcb * nr;
                    for (int fi = k0; fi < k0 + kcb; fi++, d += nr) {
                        // the sliver's columns in runs within one image
                        for (int q = 0; q < valid; ) {
                            int col = sl * nr + q, sm = col / p, pos = col - sm * p, run = Math.min(valid - q, p - pos);
                            System.arraycopy(gy, gOff + ((n0 + sm) * f + fi) * p + pos, packed, d + q, run);
                            q += run;
                        }
                        if (valid < nr) java.util.Arrays.fill(packed, d + valid, d + nr, 0f);
                    }
                }
            }
        });
    }

    /** Gathers gy (N, F, P) for samples [n0, n0+nb) into (F, nb*P). */
    private static void gatherGrad(float[] gy, int gOff, ConvSpec s, int n0, int nb, float[] out) {
        int p = s.p(), width = nb * p;
        Parallel.forRange(nb * s.f(), Parallel.grainFor(nb * s.f(), Math.max(1, 4096 / p)), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int sm = r / s.f(), f = r % s.f();
                System.arraycopy(gy, gOff + ((n0 + sm) * s.f() + f) * p, out, f * width + sm * p, p);
            }
        });
    }

    static Tensor backwardData(Tensor gy, Tensor w, ConvSpec s, int[] xShape) {
        if (isPlainStrideOne(s)) return backwardDataAsConvolution(gy, w, s, xShape);
        Tensor gc = gy.contiguous(), wc = w.contiguous();
        Tensor dx = Tensor.empty(xShape); // col2im clears each plane before adding into it
        int kg = s.kg(), fg = s.fg(), p = s.p();
        int block = blockSize(s);
        float[] cols = Workspace.get(Workspace.COLUMNS, s.c() * s.kh() * s.kw() * block * p);
        float[] wtPacked = s.groups() == 1 && !w.requiresGrad() ? packedWeights(PACKED_WT, w, true, kg, fg) : null;
        for (int n0 = 0; n0 < s.n(); n0 += block) {
            int nb = Math.min(block, s.n() - n0), width = nb * p;
            if (wtPacked != null) {
                // dY gathered straight into the GEMM's packed B (no (F, nb*P) copy to pack again)
                float[] gp = Workspace.get(Workspace.GEMM_OUT, (int) Gemm.packedSize(width, fg));
                gatherGradPacked(gc.data(), gc.offset(), s, n0, nb, Gemm.packedWidth(width), gp);
                Gemm.sgemmPrepackedA(kg, width, fg, wtPacked, false, null, 0, 0, gp, cols, 0, width);
                Im2Col.col2im(s, cols, n0, nb, dx.data());
                continue;
            }
            float[] gb = Workspace.get(Workspace.GEMM_OUT, s.f() * width);
            gatherGrad(gc.data(), gc.offset(), s, n0, nb, gb);
            for (int g = 0; g < s.groups(); g++) {
                Gemm.sgemm(true, false, kg, width, fg, 1f, wc.data(), wc.offset() + g * fg * kg, kg,
                        gb, g * fg * width, width, 0f, cols, g * kg * width, width);
            }
            Im2Col.col2im(s, cols, n0, nb, dx.data());
        }
        return dx;
    }

    static Tensor backwardWeight(Tensor x, Tensor gy, ConvSpec s, int[] wShape) {
        Tensor xc = x.contiguous(), gc = gy.contiguous();
        Tensor dw = Tensor.zeros(wShape);
        int kg = s.kg(), fg = s.fg(), p = s.p();
        int block = blockSize(s);
        float[] cols = Workspace.get(Workspace.COLUMNS, s.c() * s.kh() * s.kw() * block * p);
        float[] gb = Workspace.get(Workspace.GEMM_OUT, s.f() * block * p);
        for (int n0 = 0; n0 < s.n(); n0 += block) {
            int nb = Math.min(block, s.n() - n0), width = nb * p;
            Im2Col.im2col(s, xc.data(), xc.offset(), n0, nb, cols);
            gatherGrad(gc.data(), gc.offset(), s, n0, nb, gb);
            for (int g = 0; g < s.groups(); g++) {
                Gemm.sgemm(false, true, fg, kg, width, 1f, gb, g * fg * width, width,
                        cols, g * kg * width, width, n0 == 0 ? 0f : 1f, dw.data(), g * fg * kg, kg);
            }
        }
        return dw;
    }

    /** Stride 1, dilation 1, one group, pads below the kernel size: the 3x3 "same" layers of a ResNet. */
    static boolean isPlainStrideOne(ConvSpec s) {
        return s.sh() == 1 && s.sw() == 1 && s.dh() == 1 && s.dw() == 1 && s.groups() == 1
                && s.padTop() < s.kh() && s.padBottom() < s.kh() && s.padLeft() < s.kw() && s.padRight() < s.kw();
    }

    /**
     * dX as a forward convolution of dY with the weights flipped and their channel axes swapped, padded
     * by (k - 1 - pad): dX[n,c,y,x] = sum_f,i,j dY[n,f,y+pt-i,x+pl-j] W[f,c,i,j] (the "full" correlation;
     * Dumoulin and Visin, "A guide to convolution arithmetic", 2016, section 4.1). This is one GEMM of
     * depth F*kh*kw instead of a GEMM of depth F followed by the col2im scatter-add, which measured
     * slower on the 3x3 layers.
     */
    private static Tensor backwardDataAsConvolution(Tensor gy, Tensor w, ConvSpec s, int[] xShape) {
        ConvSpec t = new ConvSpec(s.n(), s.f(), s.c(), 1, s.oh(), s.ow(), s.kh(), s.kw(), 1, 1,
                s.kh() - 1 - s.padTop(), s.kw() - 1 - s.padLeft(), s.kh() - 1 - s.padBottom(), s.kw() - 1 - s.padRight(),
                1, 1, s.h(), s.w());
        if (WINOGRAD && !w.requiresGrad() && WinogradConvolution.sharesFilters(s, t)) {
            // the forward's transformed filters serve the backward too: no flipped copy, no second transform
            return WinogradConvolution.backwardData(gy, w, s, t, xShape);
        }
        return forward(gy, flippedWeights(w, s), null, t, xShape, !w.requiresGrad(), false);
    }

    /**
     * Flipped, channel-swapped weights of constant tensors (ONNX initializers: not requiring grad), kept
     * per weight tensor while it lives: every explanation pass reuses them. Flipping ResNet-18's 11 M
     * weights per backward pass was a fifth of a saliency call. Trainable weights (requiring grad) may
     * change between passes and are flipped anew each time.
     */
    private static final Map<Tensor, Tensor> FLIPPED = Collections.synchronizedMap(new WeakHashMap<>());

    private static Tensor flippedWeights(Tensor w, ConvSpec s) {
        if (w.requiresGrad()) return flip(w, s);
        Tensor cached = FLIPPED.get(w);
        if (cached == null) {
            cached = flip(w, s);
            FLIPPED.put(w, cached);
        }
        return cached;
    }

    /**
     * Constant weights (one group) packed for the GEMM once, as W (F x C*kh*kw) for the forward pass and
     * as W^T for the input gradient: packing them on every call copied ResNet-18's 11 M weights twice per
     * saliency pass.
     */
    private static final Map<Tensor, float[]> PACKED_W = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Tensor, float[]> PACKED_WT = Collections.synchronizedMap(new WeakHashMap<>());

    /** op(W) packed: W (rows = F, depth = C*kh*kw) or, transposed, W^T (rows = C*kh*kw, depth = F). */
    private static float[] packedWeights(Map<Tensor, float[]> cache, Tensor w, boolean transposed, int rows, int depth) {
        float[] packed = cache.get(w);
        if (packed == null) {
            Tensor wc = w.contiguous();
            packed = Gemm.packA(transposed, rows, depth, wc.data(), wc.offset(), transposed ? rows : depth);
            cache.put(w, packed);
        }
        return packed;
    }

    /** W (rows F, depth C*kh*kw) packed for the GEMM, anew. */
    private static float[] packW(Tensor w, int rows, int depth) {
        Tensor wc = w.contiguous();
        return Gemm.packA(false, rows, depth, wc.data(), wc.offset(), depth);
    }

    /** W'[c][f][kh-1-i][kw-1-j] = W[f][c][i][j]. */
    private static Tensor flip(Tensor w, ConvSpec s) {
        Tensor wc = w.contiguous();
        float[] wd = wc.data();
        int kk = s.kh() * s.kw();
        float[] flipped = new float[s.c() * s.f() * kk];
        // a transpose of F x C blocks of kk floats, in parallel over c, each task writing its own rows
        int wo = wc.offset();
        Parallel.forRange(s.c(), Parallel.grainFor(s.c(), Math.max(1, 8192 / Math.max(1, s.f() * kk))), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                for (int f = 0; f < s.f(); f++) {
                    int src = wo + (f * s.c() + c) * kk, dst = (c * s.f() + f) * kk;
                    for (int q = 0; q < kk; q++) flipped[dst + q] = wd[src + kk - 1 - q];
                }
            }
        });
        return Tensor.of(flipped, s.c(), s.f(), s.kh(), s.kw());
    }
}
