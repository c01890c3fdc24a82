package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.tensor.Tensor;

/**
 * The direct convolution against im2col + GEMM (its summation order is the GEMM's, so the bits are the
 * same) on the shapes it takes: strides 1 and 2 per axis, asymmetric pads, 1-D, filter counts that are
 * not a multiple of the 8-filter tile, output rows that end inside a vector, several input blocks; and
 * against a float64 direct sum once.
 */
class DirectConvolutionTest {
    private static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    private static ConvSpec spec(int[] x, int[] w, int sh, int sw, int pt, int pl, int pb, int pr) {
        if (x.length == 3) return ConvSpec.of(x, w, new int[] {sw}, new int[] {pl}, new int[] {pr}, new int[] {1}, 1);
        return ConvSpec.of(x, w, new int[] {sh, sw}, new int[] {pt, pl}, new int[] {pb, pr}, new int[] {1, 1}, 1);
    }

    private static void sameAsIm2col(int[] xShape, int[] wShape, int sh, int sw, int pt, int pl, int pb, int pr) {
        Random r = new Random(xShape[1] * 31L + wShape[0] + sh * 7L + pl);
        Tensor x = randn(r, xShape), w = randn(r, wShape), b = randn(r, wShape[0]);
        ConvSpec s = spec(xShape, wShape, sh, sw, pt, pl, pb, pr);
        assertTrue(DirectConvolution.applies(s), s.toString());
        int[] out = s.outShape(xShape.length - 2);
        float[] packed = Gemm.packA(false, s.f(), s.kg(), w.data(), 0, s.kg());
        float[] direct = DirectConvolution.forward(x, packed, b, s, out).toArray();
        float[] im2col = ConvolutionKernels.forwardIm2col(x, w, b, s, out, false).toArray();
        assertArrayEquals(im2col, direct, s.toString());
    }

    @Test
    void theSameBitsAsIm2colAndGemm() {
        assumeTrue(ConvolutionKernels.DIRECT, "the direct convolution needs the Vector API");
        sameAsIm2col(new int[] {5, 3, 64, 64}, new int[] {64, 3, 7, 7}, 2, 2, 3, 3, 3, 3);     // ResNet-18's stem
        sameAsIm2col(new int[] {2, 3, 32, 32}, new int[] {13, 3, 3, 3}, 1, 1, 1, 1, 1, 1);     // 13 filters: a ragged tile
        sameAsIm2col(new int[] {3, 8, 17, 70}, new int[] {16, 8, 3, 3}, 1, 2, 0, 2, 1, 0);     // mixed strides, ragged rows
        sameAsIm2col(new int[] {2, 28, 9, 80}, new int[] {9, 28, 3, 3}, 2, 1, 1, 1, 2, 2);     // 252 taps
        sameAsIm2col(new int[] {4, 4, 101}, new int[] {16, 4, 9}, 1, 1, 0, 4, 0, 4);            // the DNA model's 1-D layer
        sameAsIm2col(new int[] {3, 16, 70}, new int[] {16, 16, 5}, 1, 2, 0, 2, 0, 1);           // 1-D, stride 2
        sameAsIm2col(new int[] {40, 2, 70, 66}, new int[] {7, 2, 5, 5}, 2, 2, 2, 2, 2, 2);      // several input blocks
        // at most four filters in a sliver: only the tile's first half is computed
        sameAsIm2col(new int[] {3, 16, 101}, new int[] {4, 16, 9}, 1, 1, 0, 4, 0, 4);           // a DNA input gradient
        sameAsIm2col(new int[] {2, 5, 20, 40}, new int[] {3, 5, 3, 3}, 1, 1, 1, 1, 1, 1);       // three filters
        sameAsIm2col(new int[] {2, 6, 9, 36}, new int[] {12, 6, 3, 3}, 1, 1, 1, 1, 1, 1);       // 8 + 4 filters
    }

    @Test
    void matchesTheDirectSumInDoublePrecision() {
        assumeTrue(ConvolutionKernels.DIRECT, "the direct convolution needs the Vector API");
        Random r = new Random(3);
        Tensor x = randn(r, 2, 3, 20, 21), w = randn(r, 10, 3, 7, 7);
        ConvSpec s = spec(x.shape(), w.shape(), 2, 2, 3, 2, 3, 4);
        float[] got = DirectConvolution.forward(x, Gemm.packA(false, 10, s.kg(), w.data(), 0, s.kg()), null, s, s.outShape(2)).toArray();
        double worst = 0;
        for (int n = 0; n < 2; n++) {
            for (int f = 0; f < 10; f++) {
                for (int oy = 0; oy < s.oh(); oy++) {
                    for (int ox = 0; ox < s.ow(); ox++) {
                        double acc = 0, mag = 0;
                        for (int c = 0; c < 3; c++) {
                            for (int i = 0; i < 7; i++) {
                                for (int j = 0; j < 7; j++) {
                                    int iy = oy * 2 - 3 + i, ix = ox * 2 - 2 + j;
                                    if (iy < 0 || iy >= 20 || ix < 0 || ix >= 21) continue;
                                    double t = (double) x.data()[((n * 3 + c) * 20 + iy) * 21 + ix] * w.data()[((f * 3 + c) * 7 + i) * 7 + j];
                                    acc += t;
                                    mag += Math.abs(t);
                                }
                            }
                        }
                        worst = Math.max(worst, Math.abs(got[((n * 10 + f) * s.oh() + oy) * s.ow() + ox] - acc) / mag);
                    }
                }
            }
        }
        assertEquals(0, worst, 1e-6);
    }

    @Test
    void onlyLayersWithFewTapsAndWideRowsQualify() {
        // Widths from the kernel's own register tile (2 vectors: 16 floats with 8-lane, 32 with 16-lane species).
        int tile = DirectConvolution.minimumRowWidth();
        assertFalse(DirectConvolution.applies(spec(new int[] {1, 64, 16, tile}, new int[] {64, 64, 3, 3}, 1, 1, 1, 1, 1, 1))); // 576 taps
        assertFalse(DirectConvolution.applies(spec(new int[] {1, 3, 16, tile - 1}, new int[] {8, 3, 3, 3}, 1, 1, 1, 1, 1, 1))); // one narrower than a tile
        assertTrue(DirectConvolution.applies(spec(new int[] {1, 3, 16, tile}, new int[] {8, 3, 3, 3}, 1, 1, 1, 1, 1, 1)));      // exactly a tile
        assertFalse(DirectConvolution.applies(spec(new int[] {1, 3, 64, 3 * tile}, new int[] {8, 3, 3, 3}, 3, 3, 1, 1, 1, 1)));  // stride 3
    }
}
