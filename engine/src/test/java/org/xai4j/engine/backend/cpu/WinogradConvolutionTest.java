package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

/**
 * Winograd F(2x2,3x3) and F(4x4,3x3) against a float64 direct sum (odd channel and filter counts that
 * pad to the vector length, asymmetric pads, outputs that end inside a tile, several image blocks), and
 * the properties explanations rely on: an image's output does not depend on the batch it is in or the
 * thread count.
 */
class WinogradConvolutionTest {
    private static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    private static ConvSpec spec(Tensor x, Tensor w, int pt, int pl, int pb, int pr) {
        return ConvSpec.of(x.shape(), w.shape(), new int[] {1, 1}, new int[] {pt, pl}, new int[] {pb, pr},
                new int[] {1, 1}, 1);
    }

    /** max |winograd - direct| / max |direct| over the output. */
    private static double relativeError(int n, int c, int h, int w, int f, int pt, int pl, int pb, int pr, boolean constant) {
        Random r = new Random(31L * n + 7L * c + h + 3L * f);
        Tensor x = randn(r, n, c, h, w), wt = randn(r, f, c, 3, 3), b = randn(r, f);
        ConvSpec s = spec(x, wt, pt, pl, pb, pr);
        assertTrue(WinogradConvolution.applies(s));
        float[] got = WinogradConvolution.forward(x, wt, b, s, s.outShape(2), constant).toArray();
        double maxErr = 0, maxRef = 0;
        for (int sm = 0; sm < n; sm++) {
            for (int o = 0; o < f; o++) {
                for (int y = 0; y < s.oh(); y++) {
                    for (int z = 0; z < s.ow(); z++) {
                        double acc = b.data()[o];
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    int iy = y - pt + i, ix = z - pl + j;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    acc += (double) x.data()[((sm * c + ci) * h + iy) * w + ix] * wt.data()[((o * c + ci) * 3 + i) * 3 + j];
                                }
                            }
                        }
                        maxErr = Math.max(maxErr, Math.abs(got[((sm * f + o) * s.oh() + y) * s.ow() + z] - acc));
                        maxRef = Math.max(maxRef, Math.abs(acc));
                    }
                }
            }
        }
        return maxErr / maxRef;
    }

    @Test
    void matchesTheDirectSumForBothTileSizes() {
        assumeTrue(ConvolutionKernels.WINOGRAD, "Winograd needs the Vector API");
        // F(2x2): outputs below 8 x 8
        assertEquals(0, relativeError(3, 5, 7, 6, 3, 1, 1, 1, 1, false), 2e-6);
        assertEquals(0, relativeError(2, 17, 2, 2, 33, 1, 1, 1, 1, true), 2e-6);     // ResNet-18's 2 x 2 stage
        assertEquals(0, relativeError(1, 1, 3, 3, 1, 0, 0, 0, 0, false), 2e-6);      // 1 x 1 output
        assertEquals(0, relativeError(2, 9, 5, 11, 4, 2, 0, 1, 2, false), 2e-6);     // asymmetric pads
        // F(4x4): outputs from 8 x 8; ragged last tiles (13 = 3 * 4 + 1). Its transforms amplify rounding
        // more (the points +-2 give factors up to 8 in A^T): about 6e-6 of the largest output here
        // (Lavin and Gray report the same order for F(4x4) in float32)
        assertEquals(0, relativeError(2, 20, 13, 10, 18, 1, 1, 1, 1, false), 1e-5);
        assertEquals(0, relativeError(3, 64, 16, 16, 64, 1, 1, 1, 1, true), 1e-5);   // ResNet-18's first stage
        assertEquals(0, relativeError(1, 300, 9, 8, 5, 1, 1, 1, 1, false), 1e-5);    // C > 256: two GEMM K blocks
        assertEquals(0, relativeError(70, 64, 16, 16, 16, 1, 1, 1, 1, false), 1e-5); // several image blocks
    }

    @Test
    void anImagesOutputDoesNotDependOnItsBatchOrTheThreadCount() {
        assumeTrue(ConvolutionKernels.WINOGRAD, "Winograd needs the Vector API");
        Random r = new Random(5);
        for (int hw : new int[] {4, 16}) {
            Tensor x = randn(r, 70, 24, hw, hw), w = randn(r, 40, 24, 3, 3);
            ConvSpec s = spec(x, w, 1, 1, 1, 1);
            int threads = Parallel.threads();
            float[] all;
            try {
                Parallel.setThreads(1);
                all = WinogradConvolution.forward(x, w, null, s, s.outShape(2), true).toArray();
            } finally {
                Parallel.setThreads(threads);
            }
            assertArrayEquals(all, WinogradConvolution.forward(x, w, null, s, s.outShape(2), false).toArray());
            int per = 24 * hw * hw, outPer = 40 * hw * hw;
            Tensor one = Tensor.of(Arrays.copyOfRange(x.data(), 37 * per, 38 * per), 1, 24, hw, hw);
            ConvSpec s1 = spec(one, w, 1, 1, 1, 1);
            assertArrayEquals(Arrays.copyOfRange(all, 37 * outPer, 38 * outPer),
                    WinogradConvolution.forward(one, w, null, s1, s1.outShape(2), true).toArray());
        }
    }

    /**
     * max |dX - direct| / max |direct| for the input gradient of a layer computed from the forward's own
     * transformed filters (F(2x2): transposed, tile elements flipped).
     */
    private static double inputGradientError(int n, int c, int h, int w, int f, int pt, int pl, int pb, int pr) {
        Random r = new Random(17L * n + 5L * c + h + 11L * f);
        Tensor x = randn(r, n, c, h, w), wt = randn(r, f, c, 3, 3);
        ConvSpec s = spec(x, wt, pt, pl, pb, pr);
        Tensor gy = randn(r, n, f, s.oh(), s.ow());
        ConvSpec t = new ConvSpec(n, f, c, 1, s.oh(), s.ow(), 3, 3, 1, 1, 2 - pt, 2 - pl, 2 - pb, 2 - pr, 1, 1, h, w);
        assertTrue(WinogradConvolution.sharesFilters(s, t));
        float[] got = WinogradConvolution.backwardData(gy, wt, s, t, x.shape()).toArray();
        double[] ref = new double[n * c * h * w];
        for (int sm = 0; sm < n; sm++) {
            for (int o = 0; o < f; o++) {
                for (int y = 0; y < s.oh(); y++) {
                    for (int z = 0; z < s.ow(); z++) {
                        double g = gy.data()[((sm * f + o) * s.oh() + y) * s.ow() + z];
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    int iy = y - pt + i, ix = z - pl + j;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    ref[((sm * c + ci) * h + iy) * w + ix] += g * wt.data()[((o * c + ci) * 3 + i) * 3 + j];
                                }
                            }
                        }
                    }
                }
            }
        }
        double maxErr = 0, maxRef = 0;
        for (int i = 0; i < ref.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(got[i] - ref[i]));
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
        }
        return maxErr / maxRef;
    }

    @Test
    void inputGradientFromTheForwardFiltersMatchesTheDirectSum() {
        assumeTrue(ConvolutionKernels.WINOGRAD, "Winograd needs the Vector API");
        assertEquals(0, inputGradientError(4, 512, 2, 2, 512, 1, 1, 1, 1), 2e-6);  // ResNet-18's 2 x 2 stage
        assertEquals(0, inputGradientError(50, 64, 2, 2, 64, 1, 1, 1, 1), 2e-6);   // many tiles
        assertEquals(0, inputGradientError(3, 5, 2, 2, 33, 1, 1, 1, 1), 2e-6);     // padded channels and filters
        assertEquals(0, inputGradientError(5, 300, 2, 1, 20, 1, 1, 1, 1), 2e-6);   // C > 256: two K blocks of U
        assertEquals(0, inputGradientError(2, 9, 2, 2, 40, 2, 0, 1, 2), 2e-6);     // asymmetric pads
        assertEquals(0, inputGradientError(1, 16, 1, 1, 16, 1, 1, 1, 1), 2e-6);    // 1 x 1 image
    }

    @Test
    void theSharedFilterInputGradientDoesNotDependOnTheBatch() {
        assumeTrue(ConvolutionKernels.WINOGRAD, "Winograd needs the Vector API");
        Random r = new Random(9);
        Tensor w = randn(r, 64, 48, 3, 3), gy = randn(r, 70, 64, 2, 2);
        ConvSpec s = spec(Tensor.zeros(70, 48, 2, 2), w, 1, 1, 1, 1);
        ConvSpec t = new ConvSpec(70, 64, 48, 1, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2);
        float[] all = WinogradConvolution.backwardData(gy, w, s, t, new int[] {70, 48, 2, 2}).toArray();
        int per = 64 * 4, outPer = 48 * 4;
        Tensor one = Tensor.of(Arrays.copyOfRange(gy.data(), 61 * per, 62 * per), 1, 64, 2, 2);
        ConvSpec s1 = spec(Tensor.zeros(1, 48, 2, 2), w, 1, 1, 1, 1);
        ConvSpec t1 = new ConvSpec(1, 64, 48, 1, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2);
        assertArrayEquals(Arrays.copyOfRange(all, 61 * outPer, 62 * outPer),
                WinogradConvolution.backwardData(one, w, s1, t1, new int[] {1, 48, 2, 2}).toArray());
    }

    @Test
    void onlyThreeByThreeStrideOneLayersQualify() {
        Tensor x = Tensor.zeros(1, 2, 8, 8);
        assertTrue(WinogradConvolution.applies(spec(x, Tensor.zeros(4, 2, 3, 3), 1, 1, 1, 1)));
        assertEquals(false, WinogradConvolution.applies(spec(x, Tensor.zeros(4, 2, 5, 5), 2, 2, 2, 2)));
        assertEquals(false, WinogradConvolution.applies(ConvSpec.of(x.shape(), new int[] {4, 2, 3, 3},
                new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1)));
        assertEquals(false, WinogradConvolution.applies(ConvSpec.of(x.shape(), new int[] {4, 1, 3, 3},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 2)));
    }
}
