package org.xai4j.explain.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.explain.linalg.WeightedLeastSquares.Fit;
import org.xai4j.explain.linalg.WeightedLeastSquares.Solver;

/**
 * The fast least-squares paths against the SVD (the minimum-norm reference) on well-conditioned random
 * systems: the normal equations by Cholesky when n ≥ p, the dual form when n &lt; p with a ridge, each
 * within 1e-9 relative; sizes that are not multiples of the update's block; the SVD fallback taken for a
 * rank-deficient system; the same bits on 1 and 2 threads.
 */
class LeastSquaresPathsTest {
    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    private static double[] positive(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.1 + r.nextDouble();
        return v;
    }

    static double relativeError(double[] got, double[] expected) {
        double num = 0, den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - expected[i]) * (got[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    private static void agreesWithSvd(int n, int p, double ridge, boolean intercept, Solver expected, long seed) {
        Random r = new Random(seed);
        double[] x = gaussian(r, n * p), y = gaussian(r, n), w = positive(r, n);
        Fit fast = WeightedLeastSquares.fit(x, n, p, y, w, ridge, intercept);
        Fit svd = WeightedLeastSquares.fitBySvd(x, n, p, y, w, ridge, intercept);
        String what = n + " x " + p + " ridge " + ridge + " intercept " + intercept;
        assertEquals(expected, fast.solver(), what);
        assertEquals(Solver.SVD, svd.solver());
        assertTrue(relativeError(fast.coefficients(), svd.coefficients()) < 1e-9,
                what + ": " + relativeError(fast.coefficients(), svd.coefficients()));
        assertEquals(svd.intercept(), fast.intercept(), 1e-9 * Math.max(1, Math.abs(svd.intercept())), what);
        assertEquals(svd.r2(), fast.r2(), 1e-9, what);
    }

    @Test
    void choleskyMatchesTheSvdWhenThereAreMoreSamplesThanFeatures() {
        agreesWithSvd(300, 103, 0.0, false, Solver.CHOLESKY, 1);   // 103: a block of 64 and a ragged 39
        agreesWithSvd(500, 150, 1.0, true, Solver.CHOLESKY, 2);
        agreesWithSvd(40, 1, 0.0, true, Solver.CHOLESKY, 3);
        agreesWithSvd(97, 97, 0.5, false, Solver.CHOLESKY, 4);
    }

    @Test
    void theDualFormMatchesTheSvdWhenThereAreFewerSamplesThanFeatures() {
        agreesWithSvd(50, 307, 1.0, true, Solver.DUAL, 5);
        agreesWithSvd(61, 200, 0.01, false, Solver.DUAL, 6);
    }

    @Test
    void aRankDeficientSystemFallsBackToTheSvd() {
        // column 2 = column 0 + column 1: no ridge, so only the minimum-norm solution is defined
        Random r = new Random(7);
        int n = 60, p = 3;
        double[] x = new double[n * p], y = gaussian(r, n), w = positive(r, n);
        for (int k = 0; k < n; k++) {
            x[k * p] = r.nextGaussian();
            x[k * p + 1] = r.nextGaussian();
            x[k * p + 2] = x[k * p] + x[k * p + 1];
        }
        Fit fit = WeightedLeastSquares.fit(x, n, p, y, w, 0.0, true);
        assertEquals(Solver.SVD, fit.solver());
        assertArrayEquals(WeightedLeastSquares.fitBySvd(x, n, p, y, w, 0.0, true).coefficients(), fit.coefficients());
    }

    @Test
    void theBitsDoNotDependOnTheThreadCount() {
        Random r = new Random(8);
        int n = 400, p = 130;
        double[] x = gaussian(r, n * p), y = gaussian(r, n), w = positive(r, n);
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double[] one = WeightedLeastSquares.fit(x, n, p, y, w, 0.3, true).coefficients();
            double[] dualOne = WeightedLeastSquares.fit(java.util.Arrays.copyOf(x, 90 * p), 90, p, java.util.Arrays.copyOf(y, 90), java.util.Arrays.copyOf(w, 90), 0.3, true).coefficients();
            Parallel.setThreads(3);
            assertArrayEquals(one, WeightedLeastSquares.fit(x, n, p, y, w, 0.3, true).coefficients());
            assertArrayEquals(dualOne, WeightedLeastSquares.fit(java.util.Arrays.copyOf(x, 90 * p), 90, p, java.util.Arrays.copyOf(y, 90), java.util.Arrays.copyOf(w, 90), 0.3, true).coefficients());
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void choleskyFactorsAndSolvesAKnownMatrix() {
        // G = L Lᵀ with L = [[2, 0, 0], [1, 3, 0], [-1, 2, 1]] (lower triangle given; the upper is not read)
        double[] g = {4, 99, 99, 2, 10, 99, -2, 5, 6};
        assertTrue(Cholesky.factor(g, 3));
        assertArrayEquals(new double[] {2, 1, 3, -1, 2, 1}, new double[] {g[0], g[3], g[4], g[6], g[7], g[8]}, 1e-15);
        // G (1, 2, 3) = (4 + 4 - 6, 2 + 20 + 15, -2 + 10 + 18)
        assertArrayEquals(new double[] {1, 2, 3}, Cholesky.solve(g, 3, new double[] {2, 37, 26}), 1e-12);
        double[] indefinite = {1, 0, 2, 1};   // [[1, 2], [2, 1]] has eigenvalue -1
        assertTrue(!Cholesky.factor(indefinite, 2));
    }
}
