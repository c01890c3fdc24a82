package org.xai4j.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.tensor.Tensor;

/**
 * Convolutions deep enough for several GEMM K blocks (C*kh*kw > 256) and wide enough for several packed
 * slivers with a ragged last one, against a direct float64 loop: the im2col-into-packed-B path on the
 * shapes the small gradient-check cases never reach.
 */
class ConvAgainstDirectLoopTest {
    private static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    private static void check(int n, int c, int h, int w, int f, int k, int stride, int pad) {
        Random r = new Random(n * 1000 + c);
        Tensor x = randn(r, n, c, h, w), wt = randn(r, f, c, k, k), b = randn(r, f);
        int[] st = {stride, stride}, pd = {pad, pad};
        float[] got = Ops.conv(x, wt, b, st, pd, pd, new int[] {1, 1}, 1).contiguous().toArray();
        int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
        float[] xd = x.data(), wd = wt.data(), bd = b.data();
        double maxErr = 0, maxRef = 0;
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < f; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        double acc = bd[o];
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int iy = y * stride - pad + i, ix = z * stride - pad + j;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    acc += (double) xd[((s * c + ci) * h + iy) * w + ix] * wd[((o * c + ci) * k + i) * k + j];
                                }
                            }
                        }
                        double g = got[((s * f + o) * oh + y) * ow + z];
                        maxErr = Math.max(maxErr, Math.abs(g - acc));
                        maxRef = Math.max(maxRef, Math.abs(acc));
                    }
                }
            }
        }
        // 3x3 stride-1 layers run Winograd F(4x4,3x3) from 8 x 8 outputs: a few 1e-6 (WinogradConvolutionTest)
        double tolerance = k == 3 && stride == 1 && oh >= 8 ? 1e-5 : 2e-6;
        assertEquals(0, maxErr / maxRef, tolerance, "conv " + n + "x" + c + "x" + h + "x" + w + " -> " + f + ", k" + k + " s" + stride);
    }

    @Test
    void deepAndRaggedConvolutionsMatchTheDirectSum() {
        check(3, 40, 7, 9, 5, 3, 1, 1);    // K = 360: two K blocks; 189 columns: a ragged last sliver
        check(2, 64, 11, 5, 9, 3, 2, 1);   // K = 576, stride 2
        check(1, 3, 20, 20, 4, 7, 2, 3);   // a ResNet-like stem
        check(40, 64, 16, 16, 9, 3, 1, 1); // 40 samples: several im2col blocks of 8 MiB
    }
}
