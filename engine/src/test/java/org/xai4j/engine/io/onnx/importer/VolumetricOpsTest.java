package org.xai4j.engine.io.onnx.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradCheck;
import org.xai4j.engine.tensor.Tensor;

/** 3-D convolution and pooling composed from 2-D ops: a direct-sum known answer and float64 gradient checks. */
class VolumetricOpsTest {
    private static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    @Test
    void convMatchesTheDirectSum() {
        Random r = new Random(4);
        Tensor x = randn(r, 1, 2, 4, 3, 3), w = randn(r, 3, 2, 2, 2, 2);
        int[] s = {2, 1, 1}, pb = {1, 0, 1}, pe = {0, 1, 0}, dil = {1, 1, 1};
        Tensor y = VolumetricOps.conv(x, w, null, s, pb, pe, dil, 1);
        int od = (4 + 1 - 2) / 2 + 1, oh = (3 + 1 - 2) + 1, ow = (3 + 1 - 2) + 1;
        assertArrayEquals(new int[] {1, 3, od, oh, ow}, y.shape());
        float[] got = y.contiguous().toArray(), xd = x.data(), wd = w.data();
        for (int f = 0; f < 3; f++) {
            for (int z = 0; z < od; z++) {
                for (int a = 0; a < oh; a++) {
                    for (int b = 0; b < ow; b++) {
                        double acc = 0;
                        for (int c = 0; c < 2; c++) {
                            for (int i = 0; i < 2; i++) {
                                for (int j = 0; j < 2; j++) {
                                    for (int k = 0; k < 2; k++) {
                                        int iz = z * 2 - 1 + i, iy = a - 0 + j, ix = b - 1 + k;
                                        if (iz < 0 || iz >= 4 || iy < 0 || iy >= 3 || ix < 0 || ix >= 3) continue;
                                        acc += xd[((c * 4 + iz) * 3 + iy) * 3 + ix] * (double) wd[(((f * 2 + c) * 2 + i) * 2 + j) * 2 + k];
                                    }
                                }
                            }
                        }
                        assertEquals(acc, got[((f * od + z) * oh + a) * ow + b], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void gradientsPassTheDotProductCheck() {
        Random r = new Random(9);
        Tensor x = randn(r, 2, 2, 5, 4, 3);
        GradCheck.Result conv = GradCheck.check(t -> VolumetricOps.conv(t[0], t[1], t[2], new int[] {2, 1, 2}, new int[] {1, 1, 0},
                new int[] {0, 1, 1}, new int[] {1, 2, 1}, 1), new Tensor[] {x, randn(r, 3, 2, 2, 2, 2), randn(r, 3)}, 1, 1e-2);
        assertTrue(conv.relativeError() < 1e-3, "conv3d " + conv);
        GradCheck.Result avg = GradCheck.check(t -> VolumetricOps.avgPool(t[0], new int[] {2, 2, 2}, new int[] {2, 1, 2},
                new int[] {1, 0, 1}, new int[] {1, 1, 0}, true, false), new Tensor[] {x}, 2, 1e-2);
        assertTrue(avg.relativeError() < 1e-3, "avgpool3d " + avg);
        // distinct values so no max ties under the finite-difference step
        Tensor d = Tensor.zeros(1, 1, 4, 3, 3);
        for (int i = 0; i < d.numel(); i++) d.data()[i] = (i * 37 % 36) * 0.25f;
        GradCheck.Result max = GradCheck.check(t -> VolumetricOps.maxPool(t[0], new int[] {2, 2, 2}, new int[] {1, 1, 1},
                new int[] {0, 1, 0}, new int[] {1, 0, 0}, new int[] {1, 1, 1}, false), new Tensor[] {d}, 3, 1e-3);
        assertTrue(max.relativeError() < 1e-3, "maxpool3d " + max);
    }
}
