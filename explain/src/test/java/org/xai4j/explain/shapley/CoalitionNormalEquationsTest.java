package org.xai4j.explain.shapley;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.explain.linalg.WeightedLeastSquares;

/**
 * The normal equations built from KernelSHAP's own coalition plans (small and complemented masks, the
 * eliminated last player) solved by Cholesky, against the SVD of the dense eliminated design: within
 * 1e-9 relative, and the same bits on any thread count.
 */
class CoalitionNormalEquationsTest {
    private static double[] fromMasks(KernelShapSampler.Plan plan, double[] y, int m) {
        double[][] system = CoalitionNormalEquations.build(plan.masks(), plan.weights(), y, m);
        return WeightedLeastSquares.solveNormalEquations(system[0], m - 1, system[1]);
    }

    private static double[] bySvd(KernelShapSampler.Plan plan, double[] y, int m) {
        return KernelShapFit.minimumNorm(new KernelShapFit.Design(plan.masks(), plan.weights()), y, m);
    }

    private static double relativeError(double[] got, double[] expected) {
        double num = 0, den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - expected[i]) * (got[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void realKernelShapDesignsGiveTheSvdSolution() {
        for (int m : new int[] {5, 12, 64, 150}) {
            KernelShapSampler.Plan plan = KernelShapSampler.plan(m, KernelShapSampler.sampleCount(m, 0), new RandomStream(3, m));
            RandomStream noise = new RandomStream(4, m);
            double[] y = new double[plan.masks().size()];
            for (int j = 0; j < y.length; j++) {
                int members = 0;
                for (boolean b : plan.masks().get(j)) if (b) members++;
                y[j] = Math.sin(members) + noise.nextNormal();   // a non-additive game: the fit is not exact
            }
            double[] fast = fromMasks(plan, y, m);
            double[] svd = bySvd(plan, y, m);
            assertTrue(fast != null, "m " + m + ": positive definite");
            assertTrue(relativeError(fast, svd) < 1e-9, "m " + m + ": " + relativeError(fast, svd));
        }
    }

    @Test
    void theBitsDoNotDependOnTheThreadCount() {
        int m = 90;
        KernelShapSampler.Plan plan = KernelShapSampler.plan(m, 3000, new RandomStream(5, 0));
        double[] y = new double[plan.masks().size()];
        for (int j = 0; j < y.length; j++) y[j] = j % 7 - 3;
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double[] one = fromMasks(plan, y, m);
            Parallel.setThreads(4);
            assertArrayEquals(one, fromMasks(plan, y, m));
        } finally {
            Parallel.setThreads(threads);
        }
    }
}
