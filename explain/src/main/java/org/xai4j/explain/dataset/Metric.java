package org.xai4j.explain.dataset;

/**
 * A model's score on labelled rows (the CLI's {@code --metric}), from its outputs (N × C, row-major).
 *
 * <p>Classification (accuracy, logloss): labels are class indices in [0, C), or 0/1 for a one-column
 * output, which is read as the probability of class 1 when the model's outputs are probabilities
 * ({@link #looksLikeProbabilities}: all in [0, 1], and rows summing to 1 for C > 1) and as a logit
 * otherwise (C > 1 logits go through a softmax). Regression (r2, mse) needs one output column.
 * Definitions as scikit-learn's {@code accuracy_score}, {@code log_loss} (probabilities clipped to
 * [1e-15, 1 − 1e-15]), {@code r2_score} and {@code mean_squared_error}.
 */
public enum Metric {
    ACCURACY(true), LOGLOSS(false), R2(true), MSE(false);

    private static final double CLIP = 1e-15;
    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** The metric named on the command line: accuracy, logloss, r2 or mse. */
    public static Metric parse(String name) {
        for (Metric m : values()) if (m.cliName().equals(name)) return m;
        throw new IllegalArgumentException("unknown --metric '" + name + "': expected accuracy, logloss, r2 or mse");
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether a classifier's outputs are probabilities rather than logits (decided once, on the unpermuted outputs). */
    public static boolean looksLikeProbabilities(float[] outputs, int columns) {
        for (int r = 0; r * columns < outputs.length; r++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                float v = outputs[r * columns + c];
                if (!(v >= 0f && v <= 1f)) return false;
                sum += v;
            }
            if (columns > 1 && Math.abs(sum - 1) > 1e-3) return false;
        }
        return true;
    }

    /** Checks that the labels suit this metric and a model with {@code columns} outputs. */
    public void checkLabels(float[] labels, int columns) {
        if (this == R2 || this == MSE) {
            if (columns != 1) {
                throw new IllegalArgumentException("--metric " + cliName() + " scores a regression model with one output column, this one has " + columns);
            }
            return;
        }
        int classes = Math.max(columns, 2);
        for (int i = 0; i < labels.length; i++) {
            float y = labels[i];
            if (y != Math.rint(y) || y < 0 || y >= classes) {
                throw new IllegalArgumentException("--metric " + cliName() + " needs class labels in [0, " + classes + "), label "
                        + i + " is " + y);
            }
        }
    }

    /** The score of outputs (N × columns) against labels (N). */
    public double score(float[] outputs, int columns, float[] labels, boolean probabilities) {
        int n = labels.length;
        switch (this) {
            case ACCURACY: {
                int right = 0;
                for (int i = 0; i < n; i++) if (predictedClass(outputs, i, columns, probabilities) == (int) labels[i]) right++;
                return right / (double) n;
            }
            case LOGLOSS: {
                double loss = 0;
                for (int i = 0; i < n; i++) {
                    double p = Math.min(Math.max(probability(outputs, i, columns, (int) labels[i], probabilities), CLIP), 1 - CLIP);
                    loss -= Math.log(p);
                }
                return loss / n;
            }
            case MSE: {
                double s = 0;
                for (int i = 0; i < n; i++) s += (outputs[i] - (double) labels[i]) * (outputs[i] - (double) labels[i]);
                return s / n;
            }
            default: { // R2
                double mean = 0;
                for (float y : labels) mean += y;
                mean /= n;
                double residual = 0, total = 0;
                for (int i = 0; i < n; i++) {
                    residual += (labels[i] - (double) outputs[i]) * (labels[i] - (double) outputs[i]);
                    total += (labels[i] - mean) * (labels[i] - mean);
                }
                if (total == 0) return residual == 0 ? 1.0 : 0.0;
                return 1 - residual / total;
            }
        }
    }

    private static int predictedClass(float[] out, int row, int columns, boolean probabilities) {
        if (columns == 1) return out[row] >= (probabilities ? 0.5f : 0f) ? 1 : 0;
        int best = 0;
        for (int c = 1; c < columns; c++) if (out[row * columns + c] > out[row * columns + best]) best = c;
        return best;
    }

    private static double probability(float[] out, int row, int columns, int label, boolean probabilities) {
        if (columns == 1) {
            double p1 = probabilities ? out[row] : 1 / (1 + Math.exp(-out[row]));
            return label == 1 ? p1 : 1 - p1;
        }
        if (probabilities) return out[row * columns + label];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < columns; c++) max = Math.max(max, out[row * columns + c]);
        double sum = 0;
        for (int c = 0; c < columns; c++) sum += Math.exp(out[row * columns + c] - max);
        return Math.exp(out[row * columns + label] - max) / sum;
    }
}
