package org.xai4j.explain.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Regression and classification calibration metrics against hand-computed values. */
class CalibrationTest {
    @Test
    void regressionFractionsRmseAndNllByHand() {
        // residuals 0, 1, 2, 3 with σ = 1: within 1σ 2/4 (inclusive), 2σ 3/4, 3σ 4/4;
        // RMSE sqrt(14/4); NLL ½ log 2π + mean(r²)/2 = 0.918938533 + 1.75
        var r = RegressionCalibration.compute(new double[] {0, 1, 2, 3}, new double[4], new double[] {1, 1, 1, 1});
        assertArrayEquals(new double[] {0.5, 0.75, 1.0}, r.fractionWithin(), 0);
        assertEquals(Math.sqrt(3.5), r.rmse(), 1e-15);
        assertEquals(0.5 * Math.log(2 * Math.PI) + 1.75, r.nll(), 1e-14);
        // σ = 2 for the residual 3: within 1σ now 2/4 still (3 > 2), 2σ 4/4; NLL term ½ log(2π·4) + 9/8
        var s = RegressionCalibration.compute(new double[] {0, 1, 2, 3}, new double[4], new double[] {1, 1, 1, 2});
        assertArrayEquals(new double[] {0.5, 1.0, 1.0}, s.fractionWithin(), 0);
        double nll = (3 * 0.5 * Math.log(2 * Math.PI) + 0.5 + 2 + 0.5 * Math.log(8 * Math.PI) + 9.0 / 8) / 4;
        assertEquals(nll, s.nll(), 1e-14);
    }

    @Test
    void miscalibrationAreaOfTheExtremes() {
        // zero residuals: every interval (even p = 0's) holds all points, o(p) = 1, area ∫(1 − p) = 1/2;
        // residuals far outside σ: o(p) = 0 below p = 1, area ∫ p = 1/2 less the last trapezoid's
        // half-width share: the curve is exact at the 100 levels, so ½ − ½·(1/99)·1 ... computed by hand:
        var exact = RegressionCalibration.compute(new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {1, 1, 1});
        assertEquals(0.5, exact.miscalibrationArea(), 1e-12);
        var wide = RegressionCalibration.compute(new double[] {100, -100}, new double[2], new double[] {1, 1});
        // o = 0 at every level below 1 and 1 at p = 1 (Φ⁻¹(1) = ∞): |o − p| = p up to 98/99, 0 at 1;
        // trapezoids: ∫₀^{98/99} p dp + ½·(1/99)·(98/99)
        double h = 1 / 99.0;
        assertEquals(0.5 * (98 * h) * (98 * h) + 0.5 * h * (98 * h), wide.miscalibrationArea(), 1e-12);
        // the Gaussian fractions
        assertEquals(0.682689492, RegressionCalibration.gaussianWithin(1), 2e-7);
        assertEquals(0.954499736, RegressionCalibration.gaussianWithin(2), 2e-7);
        assertEquals(0.997300204, RegressionCalibration.gaussianWithin(3), 2e-7);
    }

    @Test
    void normalQuantile() {
        assertEquals(0, Gaussian.quantile(0.5), 1e-15);
        assertEquals(1.959963985, Gaussian.quantile(0.975), 1e-8);
        assertEquals(-2.326347874, Gaussian.quantile(0.01), 1e-8);
        assertEquals(3.090232306, Gaussian.quantile(0.999), 1e-8);
    }

    @Test
    void eceBrierAndNllByHand() {
        // confidences 0.9 (right), 0.75 (wrong), 0.7 (right), 0.62 (right) fall in bins 13, 11, 10, 9 of 15:
        // ECE = (0.1 + 0.75 + 0.3 + 0.38) / 4 = 0.3825
        // Brier = (0.02 + 1.125 + 0.18 + 0.2888) / 4 = 0.40345; NLL = −(ln .9 + ln .25 + ln .7 + ln .62)/4
        double[] p = {0.9, 0.1, 0.75, 0.25, 0.3, 0.7, 0.62, 0.38};
        int[] y = {0, 1, 1, 0};
        var r = ClassificationCalibration.compute(p, 2, y, 15);
        assertEquals(0.3825, r.ece(), 1e-12);
        assertEquals(0.40345, r.brier(), 1e-12);
        assertEquals(-(Math.log(0.9) + Math.log(0.25) + Math.log(0.7) + Math.log(0.62)) / 4, r.nll(), 1e-12);
        assertEquals(0.75, r.accuracy(), 0);
        assertEquals(1, r.bins()[13].count());
        assertEquals(0.9, r.bins()[13].meanConfidence(), 1e-15);
        assertEquals(1.0, r.bins()[13].accuracy(), 0);
        assertEquals(0.0, r.bins()[11].accuracy(), 0);
        assertEquals(0, r.bins()[0].count());
        assertTrue(Double.isNaN(r.bins()[0].accuracy()));
        // two samples in one bin: |mean acc − mean conf| weighted by 2/2
        var two = ClassificationCalibration.compute(new double[] {0.95, 0.05, 0.05, 0.95}, 2, new int[] {0, 0}, 15);
        assertEquals(Math.abs(0.5 - 0.95), two.ece(), 1e-12);
    }
}
