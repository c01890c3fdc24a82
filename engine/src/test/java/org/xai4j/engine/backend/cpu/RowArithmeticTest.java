package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RowArithmetic}: the bits of the plain loops, at every length up to four vectors of the kernels' own
 * width and past it (the vector loop's body and its scalar end), at offsets that do not line up with a vector.
 */
class RowArithmeticTest {
    /** The longest row tried: four vectors and a ragged end, whatever the lanes (1 on the scalar path). */
    private static final int LONGEST = 4 * Math.max(4, CpuFeatures.lanes()) + 3;

    @Test
    void interpolateHasThePlainLoopsBits() {
        Random r = new Random(3);
        for (int n = 0; n <= LONGEST; n++) {
            float[] from = new float[n + 5], delta = new float[n + 3];
            for (int i = 0; i < from.length; i++) from[i] = (float) r.nextGaussian();
            for (int i = 0; i < delta.length; i++) delta[i] = (float) (r.nextGaussian() * 1e3);
            float a = (float) r.nextDouble();
            float[] got = new float[n + 2], want = new float[n + 2];
            RowArithmetic.interpolate(from, 5, delta, 3, a, got, 2, n);
            for (int i = 0; i < n; i++) want[2 + i] = from[5 + i] + a * delta[3 + i];
            assertArrayEquals(want, got, "n = " + n);
        }
    }

    @Test
    void addScaledHasThePlainLoopsBits() {
        Random r = new Random(4);
        for (int n = 0; n <= LONGEST; n++) {
            float[] g = new float[n + 1];
            for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
            double[] got = new double[n + 3], want = new double[n + 3];
            for (int i = 0; i < got.length; i++) got[i] = want[i] = r.nextGaussian();
            double w = (float) r.nextDouble();
            for (int k = 0; k < 3; k++) {
                RowArithmetic.addScaled(got, 3, w, g, 1, n);
                for (int i = 0; i < n; i++) want[3 + i] += w * g[1 + i];
            }
            assertArrayEquals(want, got, "n = " + n);
        }
    }
}
