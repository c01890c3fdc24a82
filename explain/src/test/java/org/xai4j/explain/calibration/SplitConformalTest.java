package org.xai4j.explain.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.random.RandomStream;

/** Split conformal: the threshold's order statistic, and the coverage guarantee over many seeded splits. */
class SplitConformalTest {
    @Test
    void thresholdIsTheCeilOrderStatistic() {
        double[] s = {5, 1, 4, 2, 3, 9, 8, 7, 6}; // n = 9
        assertEquals(9, SplitConformal.threshold(s, 0.1), 0); // k = ⌈10 · 0.9⌉ = 9
        assertEquals(8, SplitConformal.threshold(s, 0.2), 0); // k = ⌈10 · 0.8⌉ = 8
        assertEquals(5, SplitConformal.threshold(s, 0.5), 0); // k = 5
        assertEquals(Double.POSITIVE_INFINITY, SplitConformal.threshold(s, 0.05), 0); // k = ⌈9.5⌉ = 10 > 9
    }

    /**
     * Heavy-tailed data whose σ is misstated by a factor 2: the Gaussian 90 % interval would be wrong, the
     * conformal one is not. For a fixed data set and a uniformly random split, a test point is
     * exchangeable with the calibration points, so the expected coverage over splits lies in
     * [1 − α, 1 − α + 1/(n_cal + 1)) (continuous scores, no ties). Over 400 seeded splits the mean coverage
     * must fall in that range, widened by 4 standard errors of the mean (from the splits' spread).
     */
    @Test
    void coverageIsAtLeastOneMinusAlphaOverManySplits() {
        int n = 300;
        double[] y = new double[n], mean = new double[n], sigma = new double[n];
        RandomStream r = new RandomStream(99, 0);
        for (int i = 0; i < n; i++) {
            mean[i] = r.nextNormal();
            sigma[i] = 0.5 + r.nextDouble();
            double t = r.nextNormal() / Math.sqrt(-Math.log(1 - r.nextDouble())); // heavy tails
            y[i] = mean[i] + 2 * sigma[i] * t;
        }
        for (double alpha : new double[] {0.1, 0.2}) {
            int splits = 400;
            double sum = 0, sumSq = 0;
            int calibration = 0;
            for (int seed = 0; seed < splits; seed++) {
                var split = SplitConformal.Split.of(n, 0.5, seed);
                calibration = split.calibration().length;
                double c = SplitConformal.regression(y, mean, sigma, alpha, split).coverage();
                sum += c;
                sumSq += c * c;
            }
            double avg = sum / splits, sd = Math.sqrt(sumSq / splits - avg * avg), se = sd / Math.sqrt(splits);
            assertTrue(avg >= 1 - alpha - 4 * se, "alpha " + alpha + ": mean coverage " + avg + " (se " + se + ")");
            assertTrue(avg <= 1 - alpha + 1.0 / (calibration + 1) + 4 * se, "alpha " + alpha + ": mean coverage " + avg);
        }
    }

    @Test
    void classificationSetsByHand() {
        // calibration scores 1 − p_y: 0.1, 0.4, 0.3, 0.2 (n = 4); α = 0.2 → k = ⌈5 · 0.8⌉ = 4 → q = 0.4.
        double[] p = {0.9, 0.1, 0.6, 0.4, 0.3, 0.7, 0.8, 0.2, 0.65, 0.35, 0.62, 0.38};
        int[] y = {0, 0, 1, 0, 1, 0};
        var split = new SplitConformal.Split(new int[] {0, 1, 2, 3}, new int[] {4, 5});
        var r = SplitConformal.classification(p, 2, y, 0.2, split);
        assertEquals(0.4, r.threshold(), 1e-15);
        // test 4: {0} (1 − 0.65 ≤ 0.4, 1 − 0.35 > 0.4), label 1 not covered; test 5: {0} again, label 0 covered
        assertEquals(0.5, r.coverage(), 0);
        assertEquals(1.0, r.meanSize(), 0);
        // a larger α lowers q below 0.35: test 4's set is empty
        assertEquals(0.0, SplitConformal.classification(p, 2, y, 0.6, split).meanSize(), 0);
    }
}
