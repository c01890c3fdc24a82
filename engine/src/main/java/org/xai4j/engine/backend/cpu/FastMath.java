package org.xai4j.engine.backend.cpu;

/**
 * Single-precision exp for the elementwise kernels: Cody-Waite range reduction x = k ln2 + r with
 * |r| <= ln2/2, then a degree-6 polynomial for e^r (Cephes {@code expf} coefficients, relative error
 * about 1 ulp of float), scaled by 2^k through the exponent bits. Math.exp in double costs about 5x more.
 */
final class FastMath {
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float LOG2E = 1.44269504088896341f;

    private FastMath() {}

    static float exp(float x) {
        if (x > 88.72283905206835f) return x != x ? x : Float.POSITIVE_INFINITY;
        if (x < -103.97208f) return 0f;
        float k = Math.round(x * LOG2E);
        float r = x - k * LN2_HI - k * LN2_LO;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        float er = p * r * r + r + 1f;
        int ki = (int) k;
        // 2^k in two steps so that k down to -150 (subnormal results) stays exact
        if (ki < -125) return er * Float.intBitsToFloat((ki + 127 + 64) << 23) * 5.421010862e-20f;
        if (ki > 127) return er * Float.intBitsToFloat(254 << 23) * Float.intBitsToFloat(ki << 23); // 2^127 * 2^(ki-127)
        return er * Float.intBitsToFloat((ki + 127) << 23);
    }
}
