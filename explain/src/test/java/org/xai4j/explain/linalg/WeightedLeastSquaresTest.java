package org.xai4j.explain.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WeightedLeastSquaresTest {
    @Test
    void exactLinearDataIsRecoveredWithR2One() {
        // y = 3 + 2 a − b on 5 points, arbitrary positive weights
        double[] x = {0, 0, 1, 0, 0, 1, 2, 3, -1, 4};
        double[] y = new double[5];
        for (int k = 0; k < 5; k++) y[k] = 3 + 2 * x[2 * k] - x[2 * k + 1];
        WeightedLeastSquares.Fit fit = WeightedLeastSquares.fit(x, 5, 2, y, new double[] {1, 0.5, 2, 0.1, 3}, 0, true);
        assertArrayEquals(new double[] {2, -1}, fit.coefficients(), 1e-10);
        assertEquals(3, fit.intercept(), 1e-10);
        assertEquals(1, fit.r2(), 1e-12);
    }

    @Test
    void weightedMeanAndRidgeShrinkageByHand() {
        // one column, no intercept: β = Σ w x y / (Σ w x² + α)
        double[] x = {1, 2, 3};
        double[] y = {1, 1, 4};
        double[] w = {1, 2, 3};
        double sxy = 1 * 1 * 1 + 2 * 2 * 1 + 3 * 3 * 4, sxx = 1 + 2 * 4 + 3 * 9;
        assertEquals(sxy / (sxx + 5), WeightedLeastSquares.fit(x, 3, 1, y, w, 5, false).coefficients()[0], 1e-12);
        // weighted R² by hand for that fit
        double b = sxy / sxx, mean = (1 * 1 + 2 * 1 + 3 * 4) / 6.0, res = 0, tot = 0;
        for (int k = 0; k < 3; k++) {
            res += w[k] * Math.pow(y[k] - b * x[k], 2);
            tot += w[k] * Math.pow(y[k] - mean, 2);
        }
        assertEquals(1 - res / tot, WeightedLeastSquares.fit(x, 3, 1, y, w, 0, false).r2(), 1e-12);
    }

    @Test
    void rankDeficientGivesTheMinimumNormSolution() {
        // two identical columns: y = 2 a is fitted by β = (1, 1), the smallest-norm of all β1 + β2 = 2
        double[] x = {1, 1, 2, 2, 3, 3};
        WeightedLeastSquares.Fit fit = WeightedLeastSquares.fit(x, 3, 2, new double[] {2, 4, 6}, new double[] {1, 1, 1}, 0, false);
        assertArrayEquals(new double[] {1, 1}, fit.coefficients(), 1e-10);
    }
}
