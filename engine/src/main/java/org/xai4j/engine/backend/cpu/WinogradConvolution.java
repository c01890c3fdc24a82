package org.xai4j.engine.backend.cpu;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

/**
 * 3x3, stride-1 convolution by Winograd's minimal filtering algorithms F(m x m, 3 x 3) (Lavin and Gray,
 * "Fast Algorithms for Convolutional Neural Networks", CVPR 2016): each m x m output tile is
 * A^T [(G g G^T) . (B^T d B)] A for the (m+2) x (m+2) input tile d, so the channel sums become
 * (m+2)^2 independent GEMMs over all tiles, with 36/16 (F(2x2)) or 36/4 (F(4x4)) times fewer
 * multiplications than the direct 9 per output. These are ResNet's 3x3 layers and, through
 * {@link ConvolutionKernels}' flipped-weight convolution, their input gradients.
 *
 * <p>Layout (vectorized over channels, Vector API): the input block is copied channels-last and zero
 * padded; the input transform writes V[xi] (tiles x C) per tile element xi; GEMM xi computes
 * M[xi] (tiles x F) = V[xi] U[xi] with U[xi] (C x F) the transformed filters, packed once for the GEMM
 * and kept for constant weights; the output transform gathers each tile's M values (vectors of F) and
 * writes the NCHW output. C and F are padded to the vector length with zeros.
 *
 * <p>Each output element is computed by one fixed sequence of operations whatever the batch, the block
 * of images it falls in, or the thread count. The rounding differs from the im2col path (the transforms
 * add a few ulps; F(4x4) more than F(2x2): relative errors of 1e-6 against float64, see the tests).
 */
final class WinogradConvolution {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Largest transformed block (floats) in V or M: 3 MiB, so that what the input transform writes is
     * still in the caches when the GEMMs read it, and M when the output transform does. ResNet-18's
     * first stage at batch 64: 7.0 ms per call with 8 MiB blocks, 4.1 ms with 2-3 MiB; below 1.5 MiB the
     * per-block overheads and re-reading the transformed filters cost more than the caches give.
     */
    private static final long BLOCK_FLOATS = 3 << 18;
    /**
     * Floats between consecutive tile elements' matrices in V and M beyond their size: the transforms
     * touch all 16 or 36 of them per tile, and at strides that are multiples of 4 KiB (64 channels x
     * 16 tiles x 56 images) those addresses share cache sets and alias in the store buffer. One cache
     * line of skew per matrix spreads them: ResNet-18's first stage at batch 64 ran at 8.3 or 4.2 ms per
     * call depending on the JVM without it.
     */
    private static final int SKEW = 16;

    /**
     * Transformed filters of constant weight tensors (ONNX initializers, and the flipped weights of the
     * input gradient), per tile size, kept while the tensor lives: an explanation runs the same layers
     * hundreds of times.
     */
    private static final Map<Tensor, float[][][]> FILTERS = Collections.synchronizedMap(new WeakHashMap<>());

    private WinogradConvolution() {}

    /** 3x3, stride 1, no dilation, one group, pads at most 2 (the "same" and "valid" 3x3 layers). */
    static boolean applies(ConvSpec s) {
        return s.kh() == 3 && s.kw() == 3 && s.sh() == 1 && s.sw() == 1 && s.dh() == 1 && s.dw() == 1
                && s.groups() == 1 && s.padTop() <= 2 && s.padBottom() <= 2 && s.padLeft() <= 2 && s.padRight() <= 2
                && s.oh() >= 1 && s.ow() >= 1 && L >= 4;
    }

    /**
     * Output tile size m: 4 for outputs of at least 8 x 8, where F(4x4) needs 2.25 times fewer
     * multiplications than F(2x2); 2 below, where 6 x 6 tiles would be mostly padding (ResNet-18 at 64 x 64
     * has 4 x 4 and 2 x 2 stages). Depends on the layer only, never on the batch.
     */
    static int tileSize(ConvSpec s) {
        return s.oh() >= 8 && s.ow() >= 8 ? 4 : 2;
    }

    /**
     * y = x * w + bias for a spec that {@link #applies}.
     *
     * @param constantWeights whether w never changes while it lives (not trained), so its transform may be kept
     */
    static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape, boolean constantWeights) {
        return forward(x, w, bias, s, outShape, constantWeights, false);
    }

    /** {@link #forward}, each output max(value, 0) if relu. */
    static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvSpec s, int[] outShape, boolean constantWeights, boolean relu) {
        int m = tileSize(s);
        int cp = roundUp(s.c(), L), fp = roundUp(s.f(), L);
        float[][] u = constantWeights ? cachedFilters(w, s, m, cp, fp) : transformFilters(w, s, m, cp, fp);
        return run(x, bias, relu, s, outShape, (e, tiles, v, vOff, mm, mmOff) ->
                Gemm.sgemmPrepackedB(tiles, fp, cp, v, vOff, cp, u[e], mm, mmOff, fp));
    }

    /**
     * Whether {@link #backwardData} computes the input gradient of the layer {@code s} (as the convolution
     * {@code backward}) from the forward's own transformed filters: F(2x2) on both sides, and at most one
     * F(2x2) tile per image (2 x 2 maps, ResNet-18's last stage), where the filters are the largest and
     * the tile counts the smallest, so the dot-product form ({@link TransposedPackedGemm}) is fastest.
     * Fixed by the layer, never by the batch.
     */
    static boolean sharesFilters(ConvSpec s, ConvSpec backward) {
        int cp = roundUp(s.c(), L), fp = roundUp(s.f(), L);
        return applies(s) && applies(backward) && tileSize(backward) == 2 && tileSize(s) == 2
                && backward.oh() <= 2 && backward.ow() <= 2 && backward.c() == s.f() && backward.f() == s.c()
                && TransposedPackedGemm.accepts(cp, fp, Gemm.packedWidth(fp));
    }

    /**
     * The input gradient of the layer {@code s} with constant weights w, computed as the convolution
     * {@code backward} of gy with the flipped, channel-swapped filters, but from the forward's cached
     * transformed filters U instead of a second set. For F(2x2), G J = P G (J reverses the 3 taps, P swaps
     * the first and last of the 4 tile rows), so the flipped filter's transform is
     * U'[(i,j)] = U[(p(i),p(j))]^T, p = (3 1 2 0): element e's product is V'[e] U[perm(e)]^T, which
     * {@link TransposedPackedGemm} takes with U in its forward layout. With a second set, ResNet-18's last
     * stage held 100 MB of filters, and a saliency pass at batch 4 no longer kept its working set in the
     * cache: that stage took a third of the pass.
     */
    static Tensor backwardData(Tensor gy, Tensor w, ConvSpec s, ConvSpec backward, int[] xShape) {
        int cp = roundUp(s.c(), L), fp = roundUp(s.f(), L), nr = Gemm.packedWidth(fp);
        float[][] u = cachedFilters(w, s, 2, cp, fp);
        // backward: C' = F (cp' = fp), F' = C (fp' = cp)
        return run(gy, null, false, backward, xShape, (e, tiles, v, vOff, mm, mmOff) ->
                TransposedPackedGemm.multiply(tiles, cp, fp, v, vOff, fp, u[FLIP_F2[e]], nr, mm, mmOff, cp));
    }

    /** perm(e) for F(2x2): tile element (i, j) of a flipped filter's transform is element (p(i), p(j)), p = 3 1 2 0. */
    private static final int[] FLIP_F2 = {15, 13, 14, 12, 7, 5, 6, 4, 11, 9, 10, 8, 3, 1, 2, 0};

    /** One tile element's product M[e] (tiles x F) = V[e] (tiles x C) times the transformed filters. */
    @FunctionalInterface
    private interface ElementProduct {
        void multiply(int e, int tiles, float[] v, int vOff, float[] mm, int mmOff);
    }

    /** The transforms around the per-element products, block of images by block. */
    private static Tensor run(Tensor x, Tensor bias, boolean relu, ConvSpec s, int[] outShape, ElementProduct product) {
        int m = tileSize(s), t = m + 2, tt = t * t;
        int cp = roundUp(s.c(), L), fp = roundUp(s.f(), L);
        int th = ceilDiv(s.oh(), m), tw = ceilDiv(s.ow(), m), perImage = th * tw;
        int hp = th * m + 2, wp = tw * m + 2;
        int block = (int) Math.max(1, Math.min(s.n(), BLOCK_FLOATS / ((long) tt * perImage * Math.max(cp, fp))));
        Tensor xc = x.contiguous();
        Tensor y = Tensor.empty(outShape);
        float[] bp = new float[fp];
        if (bias != null) System.arraycopy(bias.contiguous().toArray(), 0, bp, 0, s.f());
        float[] padded = Workspace.get(Workspace.CHANNELS_LAST, block * hp * wp * cp);
        float[] v = Workspace.get(Workspace.COLUMNS, tt * (block * perImage * cp + SKEW));
        float[] mm = Workspace.get(Workspace.GEMM_OUT, tt * (block * perImage * fp + SKEW));
        Geometry g = new Geometry(s, m, t, cp, fp, th, tw, hp, wp);
        for (int n0 = 0; n0 < s.n(); n0 += block) {
            int nb = Math.min(block, s.n() - n0), tiles = nb * perImage;
            toChannelsLast(g, xc.data(), xc.offset(), n0, nb, padded);
            transformInput(g, padded, tiles, v);
            Parallel.forRange(tt, 1, (e0, e1) -> {
                for (int e = e0; e < e1; e++) {
                    product.multiply(e, tiles, v, e * (tiles * cp + SKEW), mm, e * (tiles * fp + SKEW));
                }
            });
            transformOutput(g, mm, tiles, n0, bp, relu, y.data());
        }
        return y;
    }

    /** The shapes one call works with. */
    private record Geometry(ConvSpec s, int m, int t, int cp, int fp, int th, int tw, int hp, int wp) {}

    /**
     * padded[((n*hp + y + padTop)*wp + x + padLeft)*cp + c] = x[n0+n][c][y][x], zero around the image, in
     * the spare tile rows and columns and in the padding channels.
     */
    private static void toChannelsLast(Geometry g, float[] x, int xOff, int n0, int nb, float[] padded) {
        ConvSpec s = g.s();
        int rowFloats = g.wp() * g.cp(), plane = s.h() * s.w();
        Parallel.forRange(nb * g.hp(), Parallel.grainFor(nb * g.hp(), 4), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int n = r / g.hp(), yy = r % g.hp(), iy = yy - s.padTop();
                int dst = r * rowFloats;
                java.util.Arrays.fill(padded, dst, dst + rowFloats, 0f);
                if (iy < 0 || iy >= s.h()) continue;
                int xFirst = Math.max(0, -s.padLeft()), xEnd = Math.min(s.w(), g.wp() - s.padLeft());
                for (int c = 0; c < s.c(); c++) {
                    int src = xOff + ((n0 + n) * s.c() + c) * plane + iy * s.w();
                    int d = dst + c + s.padLeft() * g.cp();
                    for (int ix = xFirst; ix < xEnd; ix++) padded[d + ix * g.cp()] = x[src + ix];
                }
            }
        });
    }

    /*
     * A note on the structure below: C2 inlines a Vector API call chain only within its inlining budget
     * for one compiled method (about 8000 bytecodes); a vector operation left as a call boxes its
     * vectors on the heap and runs many times slower. Calling each 1-D transform from several places
     * in one method, as the first version did, sometimes ran out of budget (ResNet-18 occlusion at
     * 800 instead of 370 ms, depending on compilation order). So each tile size has its own methods,
     * and each calls its 1-D transform from one loop that walks both passes.
     */

    /** v[(xi*tiles + tile)*cp + c] = (B^T d B)[xi] for the tile's input patch d of channel c. */
    private static void transformInput(Geometry g, float[] padded, int tiles, float[] v) {
        // one lambda per tile size: each is its own compiled method holding one transform's chain (see above)
        Parallel.RangeBody body = g.t() == 6
                ? (a, b) -> inputTiles6(g, padded, tiles, v, a, b)
                : (a, b) -> inputTiles4(g, padded, tiles, v, a, b);
        Parallel.forRange(tiles, Parallel.grainFor(tiles, 8), body);
    }

    private static void inputTiles6(Geometry g, float[] padded, int tiles, float[] v, int from, int to) {
        int m = g.m(), cp = g.cp(), perImage = g.th() * g.tw(), rowStride = g.wp() * cp, xiStride = tiles * cp + SKEW;
        float[] scratch = new float[36 * L];
        for (int tile = from; tile < to; tile++) {
            int n = tile / perImage, ty = (tile % perImage) / g.tw(), tx = tile % g.tw();
            int base = ((n * g.hp() + ty * m) * g.wp() + tx * m) * cp;
            for (int c0 = 0; c0 < cp; c0 += L) inputTile6(padded, base + c0, rowStride, cp, scratch, v, tile * cp + c0, xiStride);
        }
    }

    private static void inputTiles4(Geometry g, float[] padded, int tiles, float[] v, int from, int to) {
        int m = g.m(), cp = g.cp(), perImage = g.th() * g.tw(), rowStride = g.wp() * cp, xiStride = tiles * cp + SKEW;
        float[] scratch = new float[16 * L];
        for (int tile = from; tile < to; tile++) {
            int n = tile / perImage, ty = (tile % perImage) / g.tw(), tx = tile % g.tw();
            int base = ((n * g.hp() + ty * m) * g.wp() + tx * m) * cp;
            for (int c0 = 0; c0 < cp; c0 += L) inputTile4(padded, base + c0, rowStride, cp, scratch, v, tile * cp + c0, xiStride);
        }
    }

    /**
     * One tile and channel block of F(4x4): columns first (B^T d into scratch), then rows ((B^T d) B into
     * v at vOff + xi * xiStride).
     */
    private static void inputTile6(float[] padded, int base, int rowStride, int cp, float[] scratch, float[] v, int vOff, int xiStride) {
        for (int step = 0; step < 12; step++) {
            boolean columns = step < 6;
            int k = columns ? step : step - 6;
            inputTransform6(columns ? padded : scratch, columns ? base + k * cp : k * 6 * L, columns ? rowStride : L,
                    columns ? scratch : v, columns ? k * L : vOff + k * 6 * xiStride, columns ? 6 * L : xiStride);
        }
    }

    /** {@link #inputTile6} for F(2x2). */
    private static void inputTile4(float[] padded, int base, int rowStride, int cp, float[] scratch, float[] v, int vOff, int xiStride) {
        for (int step = 0; step < 8; step++) {
            boolean columns = step < 4;
            int k = columns ? step : step - 4;
            inputTransform4(columns ? padded : scratch, columns ? base + k * cp : k * 4 * L, columns ? rowStride : L,
                    columns ? scratch : v, columns ? k * L : vOff + k * 4 * xiStride, columns ? 4 * L : xiStride);
        }
    }

    /** y[n0+n][f][oy][ox] = (A^T M A) + bias for each tile, from mm[(xi*tiles + tile)*fp + f]. */
    private static void transformOutput(Geometry g, float[] mm, int tiles, int n0, float[] bias, boolean relu, float[] y) {
        Parallel.RangeBody body = g.t() == 6
                ? (a, b) -> outputTiles6(g, mm, tiles, n0, bias, relu, y, a, b)
                : (a, b) -> outputTiles4(g, mm, tiles, n0, bias, relu, y, a, b);
        Parallel.forRange(tiles, Parallel.grainFor(tiles, 8), body);
    }

    private static void outputTiles6(Geometry g, float[] mm, int tiles, int n0, float[] bias, boolean relu, float[] y, int from, int to) {
        int fp = g.fp(), xiStride = tiles * fp + SKEW;
        float[] scratch = new float[36 * L], out = new float[16 * L];
        for (int tile = from; tile < to; tile++) {
            for (int f0 = 0; f0 < fp; f0 += L) {
                outputTile6(mm, tile * fp + f0, xiStride, scratch, out);
                writeTile(g, tile, f0, n0, out, bias, relu, y);
            }
        }
    }

    private static void outputTiles4(Geometry g, float[] mm, int tiles, int n0, float[] bias, boolean relu, float[] y, int from, int to) {
        int fp = g.fp(), xiStride = tiles * fp + SKEW;
        float[] scratch = new float[16 * L], out = new float[4 * L];
        for (int tile = from; tile < to; tile++) {
            for (int f0 = 0; f0 < fp; f0 += L) {
                outputTile4(mm, tile * fp + f0, xiStride, scratch, out);
                writeTile(g, tile, f0, n0, out, bias, relu, y);
            }
        }
    }

    /**
     * One tile's m x m outputs of filters f0 .. f0 + L - 1 (out, vectors of L filters per position) into y,
     * plus the bias (then max(., 0) if relu).
     */
    private static void writeTile(Geometry g, int tile, int f0, int n0, float[] out, float[] bias, boolean relu, float[] y) {
        ConvSpec s = g.s();
        int m = g.m(), perImage = g.th() * g.tw(), plane = s.oh() * s.ow();
        int n = tile / perImage, ty = (tile % perImage) / g.tw(), tx = tile % g.tw();
        int rows = Math.min(m, s.oh() - ty * m), cols = Math.min(m, s.ow() - tx * m), lanes = Math.min(L, s.f() - f0);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int o = (i * m + j) * L;
                int dst = ((n0 + n) * s.f() + f0) * plane + (ty * m + i) * s.ow() + tx * m + j;
                if (relu) for (int l = 0; l < lanes; l++) y[dst + l * plane] = Math.max(out[o + l] + bias[f0 + l], 0f);
                else for (int l = 0; l < lanes; l++) y[dst + l * plane] = out[o + l] + bias[f0 + l];
            }
        }
    }

    /**
     * One tile and filter block of F(4x4): columns first (A^T M from mm at mOff + xi * xiStride into
     * scratch), then rows ((A^T M) A into out, 4 x 4 vectors).
     */
    private static void outputTile6(float[] mm, int mOff, int xiStride, float[] scratch, float[] out) {
        for (int step = 0; step < 10; step++) {
            boolean columns = step < 6;
            int k = columns ? step : step - 6;
            outputTransform6(columns ? mm : scratch, columns ? mOff + k * xiStride : k * 6 * L, columns ? 6 * xiStride : L,
                    columns ? scratch : out, columns ? k * L : k * 4 * L, columns ? 6 * L : L);
        }
    }

    /** {@link #outputTile6} for F(2x2). */
    private static void outputTile4(float[] mm, int mOff, int xiStride, float[] scratch, float[] out) {
        for (int step = 0; step < 6; step++) {
            boolean columns = step < 4;
            int k = columns ? step : step - 4;
            outputTransform4(columns ? mm : scratch, columns ? mOff + k * xiStride : k * 4 * L, columns ? 4 * xiStride : L,
                    columns ? scratch : out, columns ? k * L : k * 2 * L, columns ? 4 * L : L);
        }
    }

    // The 1-D transforms on L lanes: read t vectors at src + k*ss, write at dst + k*ds.

    /** F(2,3) B^T: [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]. */
    private static void inputTransform4(float[] x, int src, int ss, float[] out, int dst, int ds) {
        FloatVector d0 = FloatVector.fromArray(S, x, src), d1 = FloatVector.fromArray(S, x, src + ss);
        FloatVector d2 = FloatVector.fromArray(S, x, src + 2 * ss), d3 = FloatVector.fromArray(S, x, src + 3 * ss);
        d0.sub(d2).intoArray(out, dst);
        d1.add(d2).intoArray(out, dst + ds);
        d2.sub(d1).intoArray(out, dst + 2 * ds);
        d1.sub(d3).intoArray(out, dst + 3 * ds);
    }

    /**
     * F(4,3) B^T (Lavin and Gray, section 4.2): rows [4 0 -5 0 1 0], [0 -4 -4 1 1 0], [0 4 -4 -1 1 0],
     * [0 -2 -1 2 1 0], [0 2 -1 -2 1 0], [0 4 0 -5 0 1].
     */
    private static void inputTransform6(float[] x, int src, int ss, float[] out, int dst, int ds) {
        FloatVector d0 = FloatVector.fromArray(S, x, src), d1 = FloatVector.fromArray(S, x, src + ss);
        FloatVector d2 = FloatVector.fromArray(S, x, src + 2 * ss), d3 = FloatVector.fromArray(S, x, src + 3 * ss);
        FloatVector d4 = FloatVector.fromArray(S, x, src + 4 * ss), d5 = FloatVector.fromArray(S, x, src + 5 * ss);
        d0.mul(4f).add(d4).sub(d2.mul(5f)).intoArray(out, dst);
        d3.add(d4).sub(d1.add(d2).mul(4f)).intoArray(out, dst + ds);
        d4.sub(d3).add(d1.sub(d2).mul(4f)).intoArray(out, dst + 2 * ds);
        FloatVector e = d4.sub(d2), f = d3.sub(d1).mul(2f);
        e.add(f).intoArray(out, dst + 3 * ds);
        e.sub(f).intoArray(out, dst + 4 * ds);
        d1.mul(4f).add(d5).sub(d3.mul(5f)).intoArray(out, dst + 5 * ds);
    }

    /** F(2,3) A^T: [1 1 1 0; 0 1 -1 -1]. */
    private static void outputTransform4(float[] x, int src, int ss, float[] out, int dst, int ds) {
        FloatVector m0 = FloatVector.fromArray(S, x, src), m1 = FloatVector.fromArray(S, x, src + ss);
        FloatVector m2 = FloatVector.fromArray(S, x, src + 2 * ss), m3 = FloatVector.fromArray(S, x, src + 3 * ss);
        m0.add(m1).add(m2).intoArray(out, dst);
        m1.sub(m2).sub(m3).intoArray(out, dst + ds);
    }

    /** F(4,3) A^T: [1 1 1 1 1 0], [0 1 -1 2 -2 0], [0 1 1 4 4 0], [0 1 -1 8 -8 1]. */
    private static void outputTransform6(float[] x, int src, int ss, float[] out, int dst, int ds) {
        FloatVector m0 = FloatVector.fromArray(S, x, src), m1 = FloatVector.fromArray(S, x, src + ss);
        FloatVector m2 = FloatVector.fromArray(S, x, src + 2 * ss), m3 = FloatVector.fromArray(S, x, src + 3 * ss);
        FloatVector m4 = FloatVector.fromArray(S, x, src + 4 * ss), m5 = FloatVector.fromArray(S, x, src + 5 * ss);
        FloatVector sum12 = m1.add(m2), dif12 = m1.sub(m2), sum34 = m3.add(m4), dif34 = m3.sub(m4);
        m0.add(sum12).add(sum34).intoArray(out, dst);
        dif12.add(dif34.mul(2f)).intoArray(out, dst + ds);
        sum12.add(sum34.mul(4f)).intoArray(out, dst + 2 * ds);
        dif12.add(dif34.mul(8f)).add(m5).intoArray(out, dst + 3 * ds);
    }

    /** G for F(2,3) and F(4,3) (Lavin and Gray, sections 4.1 and 4.2). */
    private static final double[][] G2 = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
    private static final double[][] G4 = {
        {1 / 4.0, 0, 0}, {-1 / 6.0, -1 / 6.0, -1 / 6.0}, {-1 / 6.0, 1 / 6.0, -1 / 6.0},
        {1 / 24.0, 1 / 12.0, 1 / 6.0}, {1 / 24.0, -1 / 12.0, 1 / 6.0}, {0, 0, 1}};

    private static float[][] cachedFilters(Tensor w, ConvSpec s, int m, int cp, int fp) {
        int slot = m == 4 ? 1 : 0;
        synchronized (FILTERS) {
            float[][][] bySize = FILTERS.computeIfAbsent(w, k -> new float[2][][]);
            if (bySize[slot] == null) bySize[slot] = transformFilters(w, s, m, cp, fp);
            return bySize[slot];
        }
    }

    /**
     * U[xi] = (G g G^T)[xi] for every filter f and channel c, as a cp x fp matrix (row c, column f) packed
     * for the GEMM; computed in double and rounded once.
     */
    static float[][] transformFilters(Tensor w, ConvSpec s, int m, int cp, int fp) {
        double[][] gm = m == 4 ? G4 : G2;
        int t = m + 2, tt = t * t;
        Tensor wc = w.contiguous();
        float[] wd = wc.data();
        int wo = wc.offset();
        float[][] rowMajor = new float[tt][cp * fp];
        Parallel.forRange(s.f(), Parallel.grainFor(s.f(), 8), (f0, f1) -> {
            double[] gg = new double[t * 3];
            for (int f = f0; f < f1; f++) {
                for (int c = 0; c < s.c(); c++) {
                    int k = wo + (f * s.c() + c) * 9;
                    for (int i = 0; i < t; i++) {           // G g: t x 3
                        for (int col = 0; col < 3; col++) {
                            gg[i * 3 + col] = gm[i][0] * wd[k + col] + gm[i][1] * wd[k + 3 + col] + gm[i][2] * wd[k + 6 + col];
                        }
                    }
                    for (int i = 0; i < t; i++) {           // (G g) G^T: t x t
                        for (int j = 0; j < t; j++) {
                            double u = gg[i * 3] * gm[j][0] + gg[i * 3 + 1] * gm[j][1] + gg[i * 3 + 2] * gm[j][2];
                            rowMajor[i * t + j][c * fp + f] = (float) u;
                        }
                    }
                }
            }
        });
        float[][] packed = new float[tt][];
        for (int e = 0; e < tt; e++) packed[e] = Gemm.packB(cp, fp, rowMajor[e]);
        return packed;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    private static int ceilDiv(int x, int d) {
        return (x + d - 1) / d;
    }
}
