package org.xai4j.engine.ops;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Convolution and pooling against hand-computed values and numbers from PyTorch 1.13 (torch.nn.functional). */
class ConvPoolKnownAnswerTest {
    private static Tensor sinArange(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.sin(i);
        return t;
    }

    private static Tensor cosArange(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.cos(i);
        return t;
    }

    private static double sum(Tensor t) {
        double s = 0;
        for (float v : t.toArray()) s += v;
        return s;
    }

    @Test
    void captumConvNetOneConvSums() {
        // closed-form.md: 1x1x4x4 arange(16), two 3x3 all-ones filters, bias [-50, -75]
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) x[i] = i;
        Tensor y = Ops.conv(Tensor.of(x, 1, 1, 4, 4), Tensor.ones(2, 1, 3, 3), Tensor.of(new float[] {-50, -75}, 2),
                new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 1);
        assertArrayEquals(new float[] {45 - 50, 54 - 50, 81 - 50, 90 - 50, 45 - 75, 54 - 75, 81 - 75, 90 - 75}, y.toArray());
    }

    @Test
    void conv2dAsymmetricPadStrideDilationMatchesPyTorch() {
        Tensor y = Ops.conv(sinArange(2, 3, 5, 7), cosArange(4, 3, 3, 2), Tensor.of(new float[] {0.1f, -0.2f, 0.3f, 0.05f}, 4),
                new int[] {2, 1}, new int[] {1, 0}, new int[] {0, 2}, new int[] {1, 2}, 1);
        assertArrayEquals(new int[] {2, 4, 2, 7}, y.shape());
        assertEquals(6.815699577331543, sum(y), 1e-4);
        assertEquals(0.08878624439239502, y.get(1, 2, 1, 3), 1e-5);
        assertEquals(-0.6169804930686951, y.get(0, 0, 0, 0), 1e-5);
    }

    @Test
    void averagePoolCeilModeWithAndWithoutPaddingInTheCount() {
        Tensor x = sinArange(2, 3, 5, 7);
        int[] k = {3, 3}, s = {2, 2}, p = {1, 1}, d = {1, 1};
        Tensor incl = Ops.avgPool(x, k, s, p, p, true, true);
        assertArrayEquals(new int[] {2, 3, 3, 4}, incl.shape());
        assertEquals(0.19683456420898438, sum(incl), 1e-5);
        assertEquals(0.261118084192276, incl.get(1, 2, 2, 3), 1e-6);
        Tensor excl = Ops.avgPool(x, k, s, p, p, true, false);
        assertEquals(0.8303845524787903, sum(excl), 1e-5);
        assertEquals(0.5875157117843628, excl.get(1, 2, 2, 3), 1e-6);
        Tensor max = Ops.maxPool(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 0}, d, true);
        assertArrayEquals(new int[] {2, 3, 3, 4}, max.shape());
        assertEquals(27.610580444335938, sum(max), 1e-4);
    }

    @Test
    void maxPoolTiesGoToTheFirstMaximum() {
        Tensor x = Tensor.of(new float[] {1, 5, 5, 2}, 1, 1, 1, 4).requiresGrad(true);
        Tensor y = Ops.maxPool(x, new int[] {1, 4}, new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, false);
        assertEquals(5f, y.item());
        Tensor g = org.xai4j.engine.autodiff.Gradients.gradOfSum(y, x)[0];
        assertArrayEquals(new float[] {0, 1, 0, 0}, g.toArray());
    }

    @Test
    void convolutionIsBitIdenticalForOneAndTwoThreads() {
        Random r = new Random(3);
        float[] xv = new float[4 * 16 * 9 * 9], wv = new float[24 * 8 * 3 * 3];
        for (int i = 0; i < xv.length; i++) xv[i] = (float) r.nextGaussian();
        for (int i = 0; i < wv.length; i++) wv[i] = (float) r.nextGaussian();
        int before = Parallel.threads();
        try {
            float[][] res = new float[2][];
            float[][] grads = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                Tensor x = Tensor.of(xv.clone(), 4, 16, 9, 9).requiresGrad(true);
                Tensor w = Tensor.of(wv.clone(), 24, 8, 3, 3).requiresGrad(true);
                Tensor y = Ops.conv(x, w, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 2);
                Tensor[] g = org.xai4j.engine.autodiff.Gradients.gradOfSum(Ops.sum(Ops.mul(y, y)), x, w);
                res[t - 1] = y.toArray();
                grads[t - 1] = concat(g[0].toArray(), g[1].toArray());
            }
            assertArrayEquals(res[0], res[1]);
            assertArrayEquals(grads[0], grads[1]);
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
