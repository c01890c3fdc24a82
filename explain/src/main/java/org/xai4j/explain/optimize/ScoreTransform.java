package org.xai4j.explain.optimize;

/** What score a target output gives: the raw value, its sigmoid, or its softmax probability over the row. */
public enum ScoreTransform {
    RAW,
    SIGMOID,
    SOFTMAX;

    /** The score of column {@code target} of the row {@code values[off, off + columns)}. */
    double score(float[] values, int off, int columns, int target) {
        double v = values[off + target];
        return switch (this) {
            case RAW -> v;
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int c = 0; c < columns; c++) max = Math.max(max, values[off + c]);
                for (int c = 0; c < columns; c++) sum += Math.exp(values[off + c] - max);
                yield Math.exp(v - max) / sum;
            }
        };
    }
}
