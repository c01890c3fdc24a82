package org.xai4j.explain.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Tensor;

/** MC dropout and the variance head on the closed-form linear model of {@link LinearDropoutModel}. */
class MonteCarloDropoutTest {
    static final float[] W = {0.5f, -1.5f, 2f, 0.25f};
    static final float[] V = {0.1f, 0.2f, -0.3f, 0.05f};
    static final Tensor X = Tensor.of(new float[] {1, 2, -1, 4, 0.5f, -0.5f, 3, 1, -2, 0, 1, 1}, 3, 4);
    static final LinearDropoutModel MODEL = new LinearDropoutModel(W, 0.75f, V, -0.5f, 0.3f);

    static UncertaintyOptions options(int passes) {
        return UncertaintyOptions.monteCarlo(passes, 42).withVarianceHead(1, VarianceKind.LOGVAR);
    }

    /** The exact sample moments over the masks Philox draws for (sample n, pass t), in float64. */
    @Test
    void momentsAreTheSampleMomentsOverTheDrawnMasks() {
        int passes = 200;
        PredictiveMoments got = MonteCarloDropout.estimate(MODEL, List.of(X), options(passes), null);
        assertArrayEquals(new int[] {3, 1}, got.shape());
        float[] x = X.toArray();
        float[] mask = new float[4];
        for (int n = 0; n < 3; n++) {
            double sum = 0, sumSq = 0;
            for (int t = 0; t < passes; t++) {
                long stream = MonteCarloDropout.rowStream(n, t) * LinearDropoutModel.STREAMS_PER_RUN;
                PhiloxRandom.bernoulliMask(42, stream, 0, 0.7f, 1f / 0.7f, mask, 0, 4);
                double y = 0.75;
                for (int i = 0; i < 4; i++) y += W[i] * x[n * 4 + i] * mask[i];
                sum += y;
                sumSq += y * y;
            }
            double mean = sum / passes, var = sumSq / passes - mean * mean;
            assertEquals(mean, got.mean()[n], 1e-5, "mean of sample " + n);
            assertEquals(var, got.epistemic()[n], 1e-5 * Math.max(1, var), "epistemic of sample " + n);
            double logvar = -0.5;
            for (int i = 0; i < 4; i++) logvar += V[i] * x[n * 4 + i];
            assertEquals(Math.exp(logvar), got.aleatoric()[n], 1e-6 * Math.exp(logvar), "aleatoric of sample " + n);
            assertEquals(got.epistemic()[n] + got.aleatoric()[n], got.total()[n], 0);
        }
    }

    /**
     * Against the closed form E = w·x + b, Var = (p/q) Σ (w_i x_i)². The tolerance is 5 standard errors of
     * the estimators over T = 20000 passes: SE(mean) = sqrt(Var / T), SE(variance) = sqrt((μ4 − Var²) / T)
     * with the exact fourth central moment μ4 = κ4 + 3 Var² of a sum of independent scaled Bernoullis
     * (cumulants add; a Bernoulli(q) has κ4 = q(1−q)(1 − 6q(1−q)), scaled here by (w_i x_i / q)^4).
     * A false failure has probability below 1e-6 per assertion.
     */
    @Test
    void meanAndVarianceMatchTheBernoulliClosedFormWithinFiveStandardErrors() {
        int passes = 20000;
        float p = 0.3f;
        double q = 1 - p;
        PredictiveMoments got = MonteCarloDropout.estimate(MODEL, List.of(X), options(passes), null);
        float[] x = X.toArray();
        for (int n = 0; n < 3; n++) {
            double mean = 0.75, var = 0, kappa4 = 0;
            for (int i = 0; i < 4; i++) {
                double a = W[i] * x[n * 4 + i];
                mean += a;
                var += (p / q) * a * a;
                kappa4 += Math.pow(a / q, 4) * q * (1 - q) * (1 - 6 * q * (1 - q));
            }
            double mu4 = kappa4 + 3 * var * var;
            double seMean = Math.sqrt(var / passes), seVar = Math.sqrt((mu4 - var * var) / passes);
            assertEquals(mean, got.mean()[n], 5 * seMean, "mean of sample " + n);
            assertEquals(var, got.epistemic()[n], 5 * seVar, "epistemic variance of sample " + n);
        }
    }

    @Test
    void sameSeedGivesTheSameNumbersForAnyBatchSizeAndThreadCount() {
        PredictiveMoments reference = MonteCarloDropout.estimate(MODEL, List.of(X), options(100).withBatchRows(4096), null);
        int before = Parallel.threads();
        try {
            // rows below the 100 passes: waves accumulated in order; from 100 up: chunks of whole samples
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (int rows : new int[] {1, 7, 100, 299}) {
                    PredictiveMoments p = MonteCarloDropout.estimate(MODEL, List.of(X), options(100).withBatchRows(rows), null);
                    assertArrayEquals(reference.mean(), p.mean(), 0, "rows " + rows + ", threads " + threads);
                    assertArrayEquals(reference.epistemic(), p.epistemic(), 0);
                    assertArrayEquals(reference.aleatoric(), p.aleatoric(), 0);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
        // a sample's numbers do not depend on the other samples in the run
        PredictiveMoments second = MonteCarloDropout.estimate(MODEL, List.of(X), options(100), null);
        assertEquals(reference.mean()[2], second.mean()[2], 0);
        PredictiveMoments otherSeed = MonteCarloDropout.estimate(MODEL, List.of(X), options(100).withSeed(43), null);
        assertTrue(otherSeed.mean()[0] != reference.mean()[0]);
    }

    @Test
    void withoutPassesOnlyTheVarianceHeadCounts() {
        PredictiveMoments p = MonteCarloDropout.estimate(MODEL, List.of(X), options(0), null);
        float[] x = X.toArray();
        for (int n = 0; n < 3; n++) {
            double mean = 0.75;
            for (int i = 0; i < 4; i++) mean += W[i] * x[n * 4 + i];
            assertEquals(mean, p.mean()[n], 1e-6);
            assertEquals(0.0, p.epistemic()[n], 0);
        }
    }

    @Test
    void varianceKindsConvertToVariance() {
        assertEquals(Math.exp(-2), VarianceKind.LOGVAR.toVariance(-2), 0);
        assertEquals(0.25, VarianceKind.VAR.toVariance(0.25), 0);
        assertEquals(0.0625, VarianceKind.STD.toVariance(0.25), 0);
        assertTrue(Double.isNaN(VarianceKind.VAR.toVariance(-1)));
        // the logvar head read as a variance: negative values are refused with the output's name
        var o = UncertaintyOptions.monteCarlo(2, 1).withVarianceHead(1, VarianceKind.VAR);
        var e = assertThrows(IllegalArgumentException.class, () -> MonteCarloDropout.estimate(MODEL, List.of(X), o, null));
        assertTrue(e.getMessage().contains("'logvar'"), e.getMessage());
    }

    @Test
    void softmaxIsAppliedToEachPassBeforeAveraging() {
        // two logits per row: mean of the per-pass softmax, not the softmax of the mean logits
        double[] v = {0, Math.log(3), 1, 1};
        OutputTransform.SOFTMAX.apply(v, 0, 4, 2);
        assertArrayEquals(new double[] {0.25, 0.75, 0.5, 0.5}, v, 1e-12);
    }
}
