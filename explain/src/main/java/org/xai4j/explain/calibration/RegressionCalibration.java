package org.xai4j.explain.calibration;

/**
 * How well Gaussian predictive distributions N(μ_i, σ_i²) fit the observed y_i: the fraction of
 * |y − μ| within 1, 2 and 3 σ (ideal 68.27, 95.45, 99.73 %), the mean Gaussian negative log-likelihood,
 * the RMSE of μ, and the miscalibration area: with the 100 expected proportions p_k = k/99 and the
 * observed fraction o_k of residuals inside the central p_k interval |y − μ| ≤ Φ⁻¹((1 + p_k)/2) σ, the
 * trapezoid-rule area ∫₀¹ |o(p) − p| dp (as uncertainty-toolbox's miscalibration_area; Kuleshov et al.,
 * ICML 2018, for the coverage curve).
 */
public final class RegressionCalibration {
    /** Levels of the coverage curve. */
    public static final int LEVELS = 100;

    private RegressionCalibration() {}

    /**
     * @param fractionWithin      fractions of |y − μ| ≤ kσ for k = 1, 2, 3 (inclusive)
     * @param expectedProportions the curve's p_k
     * @param observedProportions the curve's o_k
     */
    public record Report(int count, double rmse, double nll, double[] fractionWithin, double miscalibrationArea,
                         double[] expectedProportions, double[] observedProportions) {}

    /** The Gaussian fractions 68.27, 95.45, 99.73 % as 2Φ(k) − 1. */
    public static double gaussianWithin(int k) {
        return 1 - Gaussian.erfc(k / Math.sqrt(2));
    }

    /**
     * @param y     observed values. Not modified.
     * @param mean  predicted means. Not modified.
     * @param sigma predicted standard deviations, each > 0. Not modified.
     */
    public static Report compute(double[] y, double[] mean, double[] sigma) {
        int n = y.length;
        if (n == 0) throw new IllegalArgumentException("no samples to calibrate on");
        if (mean.length != n || sigma.length != n) {
            throw new IllegalArgumentException("labels, means and sigmas differ in length: " + n + ", " + mean.length + ", " + sigma.length);
        }
        double sq = 0, nll = 0;
        double[] z = new double[n];
        int[] within = new int[3];
        for (int i = 0; i < n; i++) {
            double r = y[i] - mean[i];
            sq += r * r;
            double s2 = sigma[i] * sigma[i];
            nll += 0.5 * Math.log(2 * Math.PI * s2) + r * r / (2 * s2);
            z[i] = Math.abs(r) / sigma[i];
            for (int k = 1; k <= 3; k++) if (Math.abs(r) <= k * sigma[i]) within[k - 1]++;
        }
        java.util.Arrays.sort(z);
        double[] expected = new double[LEVELS], observed = new double[LEVELS];
        for (int k = 0; k < LEVELS; k++) {
            expected[k] = k / (double) (LEVELS - 1);
            double bound = Gaussian.quantile((1 + expected[k]) / 2);
            observed[k] = countAtMost(z, bound) / (double) n;
        }
        double area = 0;
        for (int k = 1; k < LEVELS; k++) {
            area += 0.5 * (Math.abs(observed[k - 1] - expected[k - 1]) + Math.abs(observed[k] - expected[k]))
                    * (expected[k] - expected[k - 1]);
        }
        return new Report(n, Math.sqrt(sq / n), nll / n,
                new double[] {within[0] / (double) n, within[1] / (double) n, within[2] / (double) n}, area, expected, observed);
    }

    /** Entries of the sorted array that are at most {@code bound}. */
    private static int countAtMost(double[] sorted, double bound) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= bound) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
