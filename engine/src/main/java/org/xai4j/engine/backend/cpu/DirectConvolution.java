package org.xai4j.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

/**
 * Convolution by direct summation for layers with few taps per output (C * kh * kw at most one GEMM K
 * block, {@link GemmSummation#KC}) and rows of outputs at least a vector wide: the first layers of
 * image and sequence models (ResNet-18's 7x7 stride-2 stem has 147 taps and 32 x 32 outputs). There
 * im2col copies each input value kh * kw times into a column matrix larger than the output, and building
 * and reading it took as long as the multiply-adds (11 ms of the stem's 12 ms at batch 64).
 *
 * <p>The register tile is the GEMM micro-kernel's, 8 filters x 2 vectors of output columns, with B read
 * straight from the input: each image row is copied once, zero padded and, for stride 2, split into its
 * even and odd columns, so the inputs of 2L consecutive output columns at one tap are one contiguous run.
 * Each output is the sum over taps in (channel, row, column) order, one fused multiply-add per tap from
 * zero, then plus the bias: the same operations as im2col + {@link Gemm} (one K block, alpha 1) and the
 * same bits.
 */
final class DirectConvolution {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    /** Largest padded input block (floats) split at once, so it stays in L2 while the filters pass over it. */
    private static final long BLOCK_FLOATS = 1 << 18;

    /**
     * Whether the 8 x 2L tile's 16 accumulators, two input vectors and a broadcast (19) exceed the vector
     * registers: AVX2 has 16 (AVX-512 32). There the tile is computed as two 4 x 2L halves, as
     * {@link VectorMicroKernel} does; the same operations per output either way.
     */
    private static final boolean FEW_REGISTERS = L == 8;

    /** Per-thread spill of one tile's accumulators. */
    private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[MR * 2 * L]);

    private DirectConvolution() {}

    /**
     * Strides 1 or 2, no dilation, one group, at most KC taps, output rows at least a register tile (2L)
     * wide: narrower rows would leave the tile mostly padding (ResNet-18's 1x1 stride-2 layer with 8-wide
     * rows ran at 24 GFLOPS).
     */
    static boolean applies(ConvSpec s) {
        return s.groups() == 1 && s.dh() == 1 && s.dw() == 1 && (s.sh() == 1 || s.sh() == 2) && (s.sw() == 1 || s.sw() == 2)
                && (long) s.c() * s.kh() * s.kw() <= GemmSummation.KC && s.ow() >= minimumRowWidth() && L >= 4;
    }

    /** The narrowest output row {@link #applies} takes: one register tile, 2 vectors (16 floats on AVX2, 32 on AVX-512). */
    static int minimumRowWidth() {
        return 2 * L;
    }

    /**
     * y = x * w + bias for a spec that {@link #applies}.
     *
     * @param packedW the weights as {@link Gemm#packA} packs the F x (C*kh*kw) matrix W (8-row slivers)
     */
    static Tensor forward(Tensor x, float[] packedW, Tensor bias, ConvSpec s, int[] outShape) {
        return forward(x, packedW, bias, s, outShape, false);
    }

    /** {@link #forward}, each output max(value, 0) if relu. */
    static Tensor forward(Tensor x, float[] packedW, Tensor bias, ConvSpec s, int[] outShape, boolean relu) {
        final int c = s.c(), f = s.f(), kh = s.kh(), kw = s.kw(), sh = s.sh(), sw = s.sw(), oh = s.oh(), ow = s.ow();
        final int taps = c * kh * kw, fBlocks = (f + MR - 1) / MR, chunks = (ow + 2 * L - 1) / (2 * L);
        // a padded row, split into sw phases of wq values: phase q holds padded columns q, q + sw, ...
        final int hp = s.h() + s.padTop() + s.padBottom();
        final int wq = chunks * 2 * L + (kw - 1) / sw + 1, rowFloats = sw * wq, plane = hp * rowFloats;
        // where tap (ch, i, j) reads, relative to the output row's first input: one loop over all taps
        // (C2 kept the accumulators in registers through one loop, not through three nested ones)
        final int[] tapOffset = new int[taps];
        for (int ch = 0, p = 0; ch < c; ch++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) tapOffset[p++] = ch * plane + i * rowFloats + (j % sw) * wq + j / sw;
            }
        }
        Tensor xc = x.contiguous();
        Tensor y = Tensor.empty(outShape);
        float[] bd = new float[fBlocks * MR];
        if (bias != null) System.arraycopy(bias.contiguous().toArray(), 0, bd, 0, f);
        int block = (int) Math.max(1, Math.min(s.n(), BLOCK_FLOATS / ((long) c * plane)));
        float[] split = Workspace.get(Workspace.CHANNELS_LAST, block * c * plane);
        float[] yd = y.data(), in = xc.data();
        // max(value, floor): the ReLU, or nothing (max with -inf keeps every value, NaN and -0 included)
        final float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        for (int n0 = 0; n0 < s.n(); n0 += block) {
            final int nb = Math.min(block, s.n() - n0), first = n0;
            splitRows(s, in, xc.offset(), n0, nb, wq, split);
            Parallel.forRange(nb * fBlocks * oh, Parallel.grainFor(nb * fBlocks * oh, 1), (t0, t1) -> {
                float[] sums = SUMS.get(); // once per range: a lookup per row showed in profiles of 1-D models
                for (int t = t0; t < t1; t++) {
                    int oy = t % oh, fb = (t / oh) % fBlocks, n = t / (oh * fBlocks);
                    int rowIn = n * c * plane + oy * sh * rowFloats;
                    int validF = Math.min(MR, f - fb * MR);
                    int yRow = ((first + n) * f + fb * MR) * oh * ow + oy * ow;
                    for (int ch = 0; ch < chunks; ch++) {
                        int in0 = rowIn + ch * 2 * L, y0 = yRow + ch * 2 * L;
                        if (FEW_REGISTERS || validF <= MR / 2) {
                            // four filters at a time, finished in registers: straight into y for a whole chunk
                            // of eight, else into the scratch and copied; the second half only where it holds
                            // filters (an input gradient to 3 or 4 channels, a DNA or RGB input, has no more)
                            boolean whole = validF == MR && ow - ch * 2 * L >= 2 * L;
                            float[] dst = whole ? yd : sums;
                            int dstPlane = whole ? oh * ow : 2 * L, dst0 = whole ? y0 : 0;
                            halfTile(packedW, fb * MR * taps, split, in0, tapOffset, bd, fb * MR, floor, dst, dst0, dstPlane);
                            if (validF > MR / 2) {
                                halfTile(packedW, fb * MR * taps + MR / 2, split, in0, tapOffset, bd, fb * MR + MR / 2,
                                        floor, dst, dst0 + MR / 2 * dstPlane, dstPlane);
                            }
                            if (!whole) copy(sums, yd, y0, oh * ow, validF, ow - ch * 2 * L);
                        } else {
                            tile(packedW, fb * MR * taps, split, in0, tapOffset, sums);
                            store(sums, bd, fb * MR, yd, y0, oh * ow, validF, ow - ch * 2 * L, relu);
                        }
                    }
                }
            });
        }
        return y;
    }

    /**
     * split[((n * C + ch) * hp + py) * sw * wq + q * wq + u] = padded image n0 + n, channel ch, at padded row py
     * and padded column u * sw + q (0 outside the image and past the row).
     */
    private static void splitRows(ConvSpec s, float[] x, int xOff, int n0, int nb, int wq, float[] split) {
        final int h = s.h(), w = s.w(), c = s.c(), sw = s.sw(), pt = s.padTop(), pl = s.padLeft();
        final int hp = h + pt + s.padBottom(), rowFloats = sw * wq;
        Parallel.forRange(nb * c * hp, Parallel.grainFor(nb * c * hp, 16), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int py = r % hp, plane = r / hp, iy = py - pt;
                int dst = r * rowFloats;
                java.util.Arrays.fill(split, dst, dst + rowFloats, 0f);
                if (iy < 0 || iy >= h) continue;
                int src = xOff + ((n0 + plane / c) * c + plane % c) * h * w + iy * w;
                if (sw == 1) {
                    System.arraycopy(x, src, split, dst + pl, w);
                } else {
                    for (int ix = 0; ix < w; ix++) {
                        int col = ix + pl;
                        split[dst + (col % sw) * wq + col / sw] = x[src + ix];
                    }
                }
            }
        });
    }

    /**
     * One tile: 8 filters x 2L output columns of a chunk, summed over every tap in order, into
     * sums[r * 2L + q] for filter r and column q. The loop body is the GEMM micro-kernel's
     * ({@link VectorMicroKernel}) with B read through the tap table instead of a packed sliver; it is
     * written out again rather than shared because vectors passed between methods C2 does not inline are
     * boxed on the heap.
     */
    private static void tile(float[] a, int aIdx, float[] b, int rowIn, int[] tapOffset, float[] sums) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0, ai = aIdx; p < tapOffset.length; p++, ai += MR) {
            int bi = rowIn + tapOffset[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        // spilled to scratch and finished by scalar code: the stores with the bias added, masked for a
        // ragged last chunk, ran C2 past its inlining budget for this method, and the vectors were boxed
        c00.intoArray(sums, 0);
        c01.intoArray(sums, L);
        c10.intoArray(sums, 2 * L);
        c11.intoArray(sums, 3 * L);
        c20.intoArray(sums, 4 * L);
        c21.intoArray(sums, 5 * L);
        c30.intoArray(sums, 6 * L);
        c31.intoArray(sums, 7 * L);
        c40.intoArray(sums, 8 * L);
        c41.intoArray(sums, 9 * L);
        c50.intoArray(sums, 10 * L);
        c51.intoArray(sums, 11 * L);
        c60.intoArray(sums, 12 * L);
        c61.intoArray(sums, 13 * L);
        c70.intoArray(sums, 14 * L);
        c71.intoArray(sums, 15 * L);
    }

    /**
     * Filters aIdx .. aIdx + 3 of a {@link #tile} (every 8-filter sliver's first or last four), finished in the
     * registers: y[yIdx + r * yPlane + q] = max(sum + bias[f0 + r], floor) for filter r and column q of the
     * chunk's 2L, the operations {@link #store} does after {@link #tile}'s spill. Four filters' stores fit
     * C2's budget where the eight of {@link #tile} did not. Stored straight into the output for a whole
     * chunk, with AVX2, alternating JVMs (one thread): the image CNN's occlusion 0.498 -> 0.478 ms, its
     * IG-50 5.09 -> 4.48 ms (medians of the JVMs' fastest calls).
     */
    private static void halfTile(float[] a, int aIdx, float[] b, int rowIn, int[] tapOffset, float[] bias, int f0,
                                     float floor, float[] y, int yIdx, int yPlane) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0, ai = aIdx; p < tapOffset.length; p++, ai += MR) {
            int bi = rowIn + tapOffset[p];
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        float b0 = bias[f0], b1 = bias[f0 + 1], b2 = bias[f0 + 2], b3 = bias[f0 + 3];
        c00.add(b0).max(floor).intoArray(y, yIdx);
        c01.add(b0).max(floor).intoArray(y, yIdx + L);
        c10.add(b1).max(floor).intoArray(y, yIdx + yPlane);
        c11.add(b1).max(floor).intoArray(y, yIdx + yPlane + L);
        c20.add(b2).max(floor).intoArray(y, yIdx + 2 * yPlane);
        c21.add(b2).max(floor).intoArray(y, yIdx + 2 * yPlane + L);
        c30.add(b3).max(floor).intoArray(y, yIdx + 3 * yPlane);
        c31.add(b3).max(floor).intoArray(y, yIdx + 3 * yPlane + L);
    }

    /** y rows 0 .. validF - 1, columns [0, cols) of the chunk, = the finished values in sums (rows 2L apart). */
    private static void copy(float[] sums, float[] y, int yIdx, int yPlane, int validF, int cols) {
        int width = Math.min(cols, 2 * L);
        for (int r = 0; r < validF; r++) System.arraycopy(sums, r * 2 * L, y, yIdx + r * yPlane, width);
    }

    /** y rows f0 .. f0 + validF - 1, columns [0, cols) of the chunk, = sums + bias (then max(., 0) if relu). */
    private static void store(float[] sums, float[] bias, int f0, float[] y, int yIdx, int yPlane, int validF, int cols,
                              boolean relu) {
        int width = Math.min(cols, 2 * L);
        for (int r = 0; r < validF; r++) {
            float b = bias[f0 + r];
            int src = r * 2 * L, dst = yIdx + r * yPlane;
            if (relu) VectorElementwise.biasRelu(sums, src, b, y, dst, width);
            else VectorElementwise.biasAdd(sums, src, b, y, dst, width);
        }
    }
}
