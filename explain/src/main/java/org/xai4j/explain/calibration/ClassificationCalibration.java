package org.xai4j.explain.calibration;

/**
 * Calibration of predicted class probabilities (Guo et al., "On Calibration of Modern Neural Networks",
 * ICML 2017): samples binned by confidence (the top probability) into equal-width bins (k/B, (k+1)/B]
 * (confidence 0 in the first); per bin the accuracy and mean confidence (the reliability table), and
 * ECE = Σ_b |B_b|/n · |acc_b − conf_b|. Also the multi-class Brier score (Brier 1950),
 * (1/n) Σ_i Σ_c (p_ic − [y_i = c])² (twice scikit-learn's binary brier_score_loss for two classes), the
 * NLL −(1/n) Σ log p_{i,y_i} (a probability of 0 counts as 1e-12), and the accuracy.
 */
public final class ClassificationCalibration {
    /** The bin count of Guo et al. */
    public static final int DEFAULT_BINS = 15;

    private ClassificationCalibration() {}

    /** One row of the reliability table; mean confidence and accuracy are NaN for an empty bin. */
    public record Bin(double lower, double upper, int count, double meanConfidence, double accuracy) {}

    public record Report(int count, int classes, double accuracy, double ece, double brier, double nll, Bin[] bins) {}

    /**
     * @param probabilities (n, C) row-major, each row a distribution. Not modified.
     * @param labels        class indices in [0, C). Not modified.
     */
    public static Report compute(double[] probabilities, int classes, int[] labels, int bins) {
        int n = labels.length;
        if (n == 0) throw new IllegalArgumentException("no samples to calibrate on");
        if (classes < 2) throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
        if (probabilities.length != (long) n * classes) {
            throw new IllegalArgumentException(n + " labels but " + probabilities.length + " probabilities for " + classes + " classes");
        }
        if (bins < 1) throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        int[] count = new int[bins], correctIn = new int[bins];
        double[] confidenceSum = new double[bins];
        double brier = 0, nll = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) throw new IllegalArgumentException("label " + y + " at index " + i + " is not a class in [0, " + classes + ")");
            int top = 0;
            for (int c = 0; c < classes; c++) {
                double p = probabilities[i * classes + c];
                if (p > probabilities[i * classes + top]) top = c;
                double d = p - (c == y ? 1 : 0);
                brier += d * d;
            }
            nll -= Math.log(Math.max(probabilities[i * classes + y], 1e-12));
            double confidence = probabilities[i * classes + top];
            int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(confidence * bins) - 1));
            count[b]++;
            confidenceSum[b] += confidence;
            if (top == y) {
                correct++;
                correctIn[b]++;
            }
        }
        Bin[] table = new Bin[bins];
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            double conf = count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
            double acc = count[b] == 0 ? Double.NaN : correctIn[b] / (double) count[b];
            table[b] = new Bin(b / (double) bins, (b + 1) / (double) bins, count[b], conf, acc);
            if (count[b] > 0) ece += count[b] / (double) n * Math.abs(acc - conf);
        }
        return new Report(n, classes, correct / (double) n, ece, brier / n, nll / n, table);
    }
}
