package org.xai4j.engine.backend.cpu;

/**
 * Single-precision exp for the elementwise kernels: Cody-Waite range reduction x = k ln2 + r with
 * |r| <= ln2/2 (k rounded to nearest even by the 1.5 * 2^23 trick), then a degree-6 polynomial for e^r
 * (Cephes {@code expf} coefficients, about 1 ulp), scaled by 2^k in two exact halves so results down to
 * the subnormals need no branch. {@link VectorExp} computes the same operations lane by lane, so both
 * give the same bits. Math.exp in double costs about 5x more.
 */
final class FastMath {
    static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to an integer. */
    static final float ROUND = 12582912f;
    /** Above this exp overflows to +inf; below {@link #UNDERFLOW} it is 0. */
    static final float OVERFLOW = 88.72283905206835f, UNDERFLOW = -103.97208f;
    static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f,
            P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    private FastMath() {}

    static float exp(float x) {
        if (x > OVERFLOW) return Float.POSITIVE_INFINITY;
        if (x < UNDERFLOW) return 0f;
        if (x != x) return x;
        float k = (x * LOG2E + ROUND) - ROUND;
        float r = (x - k * LN2_HI) - k * LN2_LO;
        float p = P0;
        p = p * r + P1;
        p = p * r + P2;
        p = p * r + P3;
        p = p * r + P4;
        p = p * r + P5;
        float er = ((p * r) * r + r) + 1f;
        int ki = (int) k, k1 = ki >> 1, k2 = ki - k1;
        // k in [-150, 128]: each half is a normal power of two, and the first product is exact
        return (er * Float.intBitsToFloat((k1 + 127) << 23)) * Float.intBitsToFloat((k2 + 127) << 23);
    }

    /** y[yo+i] = exp(sign * x[xo+i]), or the logistic 1 / (1 + exp(-x)) when {@code logistic}. y is Modified. */
    static void expRun(float[] x, int xo, float[] y, int yo, int n, boolean logistic) {
        if (logistic) {
            for (int i = 0; i < n; i++) y[yo + i] = 1f / (1f + exp(-x[xo + i]));
        } else {
            for (int i = 0; i < n; i++) y[yo + i] = exp(x[xo + i]);
        }
    }
}
