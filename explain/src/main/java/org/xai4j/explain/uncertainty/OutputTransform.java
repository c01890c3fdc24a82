package org.xai4j.explain.uncertainty;

/**
 * Applied to each pass's output row before averaging: for a classifier the moments are those of the
 * class probabilities, so softmax (or sigmoid) must come before the mean over passes, not after.
 */
public enum OutputTransform {
    IDENTITY,
    /** softmax over the row's last axis (a classifier's logits). */
    SOFTMAX,
    /** 1 / (1 + e^−v) per element (binary logits). */
    SIGMOID;

    /**
     * Transforms {@code values[off, off + len)} in place, softmax over consecutive groups of {@code lastAxis}.
     *
     * @param values Modified.
     */
    void apply(double[] values, int off, int len, int lastAxis) {
        switch (this) {
            case IDENTITY -> { }
            case SIGMOID -> {
                for (int i = off; i < off + len; i++) values[i] = 1.0 / (1.0 + Math.exp(-values[i]));
            }
            case SOFTMAX -> {
                for (int g = off; g < off + len; g += lastAxis) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = g; i < g + lastAxis; i++) max = Math.max(max, values[i]);
                    double sum = 0;
                    for (int i = g; i < g + lastAxis; i++) sum += values[i] = Math.exp(values[i] - max);
                    for (int i = g; i < g + lastAxis; i++) values[i] /= sum;
                }
            }
        }
    }
}
