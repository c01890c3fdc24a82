package org.xai4j.explain.gradient;

import org.xai4j.engine.random.PhiloxRandom;

/**
 * Gaussian input noise from Philox, addressed by (seed, stream, copy, element): element j of noisy copy
 * q (copy q = row × samples + sample) is x[j] + stdev · normal(seed, stream, q × rowSize + j). The
 * numbers depend on nothing else, so batch size and thread count cannot change them.
 */
final class Noise {
    /** The Philox stream of input noise (NoiseTunnel, GradientShap). */
    static final long INPUT_NOISE = 0;
    /** GradientShap's choice of baseline row. */
    static final long BASELINE_CHOICE = 1;
    /** GradientShap's interpolation point α. */
    static final long INTERPOLATION = 2;

    private Noise() {}

    /**
     * dst[dstOff + j] = x[xOff + j] + stdev · N(0, 1)_(q, j) for j in [0, rowSize).
     *
     * @param dst Modified: the row is overwritten
     */
    static void addTo(float[] dst, int dstOff, float[] x, int xOff, int rowSize, float stdev, long seed, long q) {
        if (stdev == 0f) {
            System.arraycopy(x, xOff, dst, dstOff, rowSize);
            return;
        }
        PhiloxRandom.fillNormal(seed, INPUT_NOISE, q * rowSize, dst, dstOff, rowSize);
        for (int j = 0; j < rowSize; j++) dst[dstOff + j] = x[xOff + j] + stdev * dst[dstOff + j];
    }

    static void checkStdev(float stdev) {
        if (!(stdev >= 0) || Float.isInfinite(stdev)) throw new IllegalArgumentException("stdev must be finite and >= 0, got " + stdev);
    }
}
