package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.tensor.Tensor;

/**
 * Max pooling against the plain definition, on inputs full of ties (values from {0, 1, 2, -0}) and
 * NaNs: the value, and the argmax as the first maximum in scan order (the first NaN where there is
 * one), with and without padding, stride, dilation; with and without the argmax asked for.
 */
class MaxPoolArgmaxTest {
    private static int reference(float[] in, int base, PoolSpec s, int oy, int ox) {
        float best = 0;
        int arg = -1;
        for (int i = 0; i < s.kh(); i++) {
            int iy = oy * s.sh() - s.padTop() + i * s.dh();
            if (iy < 0 || iy >= s.h()) continue;
            for (int j = 0; j < s.kw(); j++) {
                int ix = ox * s.sw() - s.padLeft() + j * s.dw();
                if (ix < 0 || ix >= s.w()) continue;
                float v = in[base + iy * s.w() + ix];
                if (arg < 0 || v > best || (v != v && best == best)) {
                    best = v;
                    arg = iy * s.w() + ix;
                }
            }
        }
        return arg;
    }

    @Test
    void valuesAndFirstMaximaMatchTheDefinition() {
        Random r = new Random(11);
        int[][] cases = { // h, w, kh, kw, stride, pad, dilation
            {9, 11, 3, 3, 2, 1, 1}, {8, 8, 2, 2, 2, 0, 1}, {7, 13, 3, 2, 1, 1, 2}, {5, 40, 3, 3, 2, 1, 1}, {4, 4, 4, 4, 1, 0, 1},
            // windows one row high (the 1-D poolings' own loop)
            {1, 101, 1, 4, 4, 0, 1}, {1, 25, 1, 25, 1, 0, 1}, {3, 17, 1, 3, 2, 0, 2},
            // and without the argmax, windows inside the row: sliding maxima in vectors, with windows of 1, of a
            // power of two and not, overlapping, past a vector, and rows that leave values after the last window
            {1, 40, 1, 1, 1, 0, 1}, {1, 40, 1, 3, 1, 0, 1}, {2, 53, 1, 7, 3, 0, 1}, {3, 37, 1, 5, 2, 0, 1},
            {1, 70, 1, 33, 4, 0, 1}, {1, 64, 1, 16, 16, 0, 1},
            // 2x2 windows, stride 2 (their own loop), odd sizes leaving a row and a column out; rows of 40 and
            // 37 hold whole vectors of windows at 8 and 16 lanes (the vector loop), with scalar ends
            {9, 11, 2, 2, 2, 0, 1}, {16, 16, 2, 2, 2, 0, 1}, {6, 40, 2, 2, 2, 0, 1}, {5, 37, 2, 2, 2, 0, 1}};
        float[] values = {0f, 1f, 2f, -0f, Float.NaN};
        for (int[] c : cases) {
            Tensor x = Tensor.zeros(2, 3, c[0], c[1]);
            for (int i = 0; i < x.numel(); i++) x.data()[i] = values[r.nextInt(i % 7 == 0 ? 5 : 4)];
            PoolSpec s = PoolSpec.of("MaxPool", x.shape(), new int[] {c[2], c[3]}, new int[] {c[4], c[4]},
                    new int[] {c[5], c[5]}, new int[] {c[5], c[5]}, new int[] {c[6], c[6]}, false);
            int outs = s.planes() * s.oh() * s.ow();
            int[] argmax = new int[outs];
            float[] y = PoolingKernels.maxPool(x, s, argmax).toArray();
            float[] yNoArg = PoolingKernels.maxPool(x, s, null).toArray();
            int[] expectedArg = new int[outs];
            float[] expected = new float[outs];
            for (int p = 0; p < s.planes(); p++) {
                for (int oy = 0; oy < s.oh(); oy++) {
                    for (int ox = 0; ox < s.ow(); ox++) {
                        int o = (p * s.oh() + oy) * s.ow() + ox;
                        expectedArg[o] = reference(x.data(), p * s.h() * s.w(), s, oy, ox);
                        expected[o] = x.data()[p * s.h() * s.w() + expectedArg[o]];
                    }
                }
            }
            assertArrayEquals(expectedArg, argmax, "argmax " + java.util.Arrays.toString(c));
            for (int o = 0; o < outs; o++) {
                assertEquals(Float.floatToIntBits(expected[o]), Float.floatToIntBits(y[o]), "value " + o);
                assertEquals(expected[o], yNoArg[o], 0f, "value without argmax " + o); // -0 and 0 may differ here
            }
        }
    }
}
