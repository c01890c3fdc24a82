package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API exp and logistic give the scalar FastMath's bits, lane for lane, over the whole range. */
class VectorExpTest {
    @Test
    void vectorAndScalarAgreeBitForBit() {
        Random r = new Random(17);
        int n = 200_003; // not a multiple of any vector length: the scalar tail runs too
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            switch (i % 7) {
                case 0: x[i] = (float) (r.nextDouble() * 220 - 120); break;        // past both ends
                case 1: x[i] = (float) (r.nextDouble() * 20 - 10); break;
                case 2: x[i] = (float) (-87.3 - r.nextDouble() * 17); break;      // subnormal results
                case 3: x[i] = (float) ((r.nextInt(400) - 200) * 0.5 / FastMath.LOG2E); break; // near k ties
                case 4: x[i] = Float.intBitsToFloat(r.nextInt()); break;         // anything, NaN included
                default: x[i] = (float) r.nextGaussian();
            }
        }
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = Float.NEGATIVE_INFINITY;
        x[3] = -0f;
        for (boolean logistic : new boolean[] {false, true}) {
            float[] scalar = new float[n], vector = new float[n];
            FastMath.expRun(x, 0, scalar, 0, n, logistic);
            VectorExp.expRun(x, 0, vector, 0, n, logistic);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(scalar[i]), Float.floatToIntBits(vector[i]),
                        (logistic ? "logistic(" : "exp(") + x[i] + "): scalar " + scalar[i] + ", vector " + vector[i]);
            }
        }
    }
}
