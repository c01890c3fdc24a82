package org.xai4j.explain.calibration;

import org.xai4j.engine.random.RandomStream;

/**
 * Split conformal prediction (Vovk et al. 2005; Lei et al., JASA 2018): nonconformity scores on a
 * calibration split, their k-th smallest as the threshold q with k = ⌈(n_cal + 1)(1 − α)⌉, and prediction
 * sets {y : score(y) ≤ q}. For exchangeable data a new point falls in its set with probability at least
 * 1 − α (and, without ties, below 1 − α + 1/(n_cal + 1)). Regression scores are |y − μ|/σ (normalized
 * residuals, intervals μ ± qσ) or |y − μ| without σ; classification scores are 1 − p_y (LAC, Sadinle et
 * al., JASA 2019).
 */
public final class SplitConformal {
    private SplitConformal() {}

    /**
     * The calibration and test indices: a Fisher–Yates permutation from Philox stream 0 of the seed,
     * its first {@code round(fraction · n)} entries (at least 1, at most n − 1) for calibration.
     */
    public record Split(int[] calibration, int[] test) {
        public static Split of(int n, double fraction, long seed) {
            if (n < 2) throw new IllegalArgumentException("a calibration split needs at least 2 samples, got " + n);
            if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("the calibration fraction must be in (0, 1), got " + fraction);
            int[] p = new RandomStream(seed, 0).permutation(n);
            int k = (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
            return new Split(java.util.Arrays.copyOfRange(p, 0, k), java.util.Arrays.copyOfRange(p, k, n));
        }
    }

    /**
     * @param threshold q (+∞ when the calibration split is too small for α: k > n_cal)
     * @param coverage  the fraction of test points inside their set
     * @param meanSize  the mean interval width (regression) or set size (classification) on the test split
     */
    public record Result(double alpha, int calibrationCount, int testCount, double threshold, double coverage, double meanSize) {}

    /** The k-th smallest score, k = ⌈(n + 1)(1 − α)⌉; +∞ when k > n. */
    public static double threshold(double[] scores, double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        int n = scores.length;
        long k = (long) Math.ceil((n + 1) * (1 - alpha) - 1e-12); // the 1e-12 keeps (n+1)(1−α) = integer from rounding up
        if (k > n) return Double.POSITIVE_INFINITY;
        double[] s = scores.clone();
        java.util.Arrays.sort(s);
        return s[(int) Math.max(0, k - 1)];
    }

    /**
     * Regression intervals μ ± qσ (or μ ± q with {@code sigma} null).
     *
     * @param y, mean, sigma not modified
     */
    public static Result regression(double[] y, double[] mean, double[] sigma, double alpha, Split split) {
        double[] scores = new double[split.calibration().length];
        for (int j = 0; j < scores.length; j++) {
            int i = split.calibration()[j];
            scores[j] = Math.abs(y[i] - mean[i]) / (sigma == null ? 1 : sigma[i]);
        }
        double q = threshold(scores, alpha);
        int covered = 0;
        double width = 0;
        for (int i : split.test()) {
            double s = sigma == null ? 1 : sigma[i];
            if (Math.abs(y[i] - mean[i]) <= q * s) covered++;
            width += 2 * q * s;
        }
        int t = split.test().length;
        return new Result(alpha, scores.length, t, q, covered / (double) t, width / t);
    }

    /** LAC prediction sets {c : 1 − p_c ≤ q} over (n, C) probabilities. */
    public static Result classification(double[] probabilities, int classes, int[] labels, double alpha, Split split) {
        double[] scores = new double[split.calibration().length];
        for (int j = 0; j < scores.length; j++) {
            int i = split.calibration()[j];
            scores[j] = 1 - probabilities[i * classes + labels[i]];
        }
        double q = threshold(scores, alpha);
        int covered = 0;
        double size = 0;
        for (int i : split.test()) {
            for (int c = 0; c < classes; c++) {
                if (1 - probabilities[i * classes + c] <= q) {
                    size++;
                    if (c == labels[i]) covered++;
                }
            }
        }
        int t = split.test().length;
        return new Result(alpha, scores.length, t, q, covered / (double) t, size / t);
    }
}
