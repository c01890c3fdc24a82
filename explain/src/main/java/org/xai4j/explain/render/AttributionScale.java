package org.xai4j.explain.render;

import java.util.Arrays;

/**
 * Attributions scaled for display as Captum 0.7's {@code _normalize_attr}: keep the values of the chosen
 * sign, find the threshold below which (100 - outlierPercent)% of their total magnitude lies (the
 * cumulative sum of the sorted values, {@code _cumulative_sum_threshold}), divide by it and clip to
 * [-1, 1]. The largest values, the outliers, saturate instead of washing everything else out.
 */
public final class AttributionScale {
    private AttributionScale() {}

    /**
     * The scaled values: in [-1, 1] for {@link VisualizeSign#ALL}, in [0, 1] otherwise.
     * {@code values} is not modified.
     */
    public static float[] normalize(float[] values, VisualizeSign sign, double outlierPercent) {
        if (!(outlierPercent >= 0 && outlierPercent < 100)) {
            throw new IllegalArgumentException("the outlier percentage must be in [0, 100), got " + outlierPercent);
        }
        float[] kept = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            kept[i] = switch (sign) {
                case ALL -> v;
                case POSITIVE -> v > 0 ? v : 0;
                case NEGATIVE -> v < 0 ? -v : 0; // Captum divides the negatives by a negative threshold
                case ABSOLUTE -> Math.abs(v);
            };
        }
        double threshold = threshold(kept, 100 - outlierPercent);
        float[] out = new float[values.length];
        // an all-zero map has no scale; Captum would divide by zero, we show it as zero
        if (threshold == 0) return out;
        for (int i = 0; i < out.length; i++) out[i] = (float) Math.max(-1, Math.min(1, kept[i] / threshold));
        return out;
    }

    /**
     * The smallest |value| whose cumulative sum (over the sorted magnitudes) reaches {@code percentile}% of
     * the total (Captum's {@code _cumulative_sum_threshold}).
     */
    static double threshold(float[] values, double percentile) {
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) sorted[i] = Math.abs(values[i]);
        Arrays.sort(sorted);
        double total = 0;
        for (double v : sorted) total += v;
        double goal = total * 0.01 * percentile, sum = 0;
        for (double v : sorted) {
            sum += v;
            if (sum >= goal) return v;
        }
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
