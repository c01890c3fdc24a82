package org.xai4j.explain.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.tensor.Tensor;

/** The mixture moments of Lakshminarayanan et al. (2017), exactly. */
class DeepEnsembleTest {
    @Test
    void mixtureMomentsByHand() {
        // member means 1 and 3, epistemic 0.5 and 0.1, aleatoric 2 and 4:
        // mean 2, aleatoric 3, epistemic ((0.5 + 1) + (0.1 + 1)) / 2 = 1.3, total 4.3
        var a = new PredictiveMoments(new int[] {1, 1}, new double[] {1}, new double[] {0.5}, new double[] {2});
        var b = new PredictiveMoments(new int[] {1, 1}, new double[] {3}, new double[] {0.1}, new double[] {4});
        PredictiveMoments m = DeepEnsemble.mixture(List.of(a, b));
        assertEquals(2.0, m.mean()[0], 0);
        assertEquals(3.0, m.aleatoric()[0], 0);
        assertEquals(1.3, m.epistemic()[0], 1e-15);
        assertEquals(4.3, m.total()[0], 1e-15);
    }

    @Test
    void mixtureOfMcMembersIsThePooledSampleVariance() {
        // two MC-dropout members: the mixture's epistemic variance is the population variance of all
        // 2T pooled passes, and its mean their mean (equal weights, equal T)
        var m1 = new LinearDropoutModel(new float[] {1, 2}, 0f, new float[] {0, 0}, 0f, 0.5f);
        var m2 = new LinearDropoutModel(new float[] {-1, 0.5f}, 1f, new float[] {0.5f, 0}, -1f, 0.2f);
        Tensor x = Tensor.of(new float[] {1, 1, 2, -1}, 2, 2);
        var o = UncertaintyOptions.monteCarlo(50, 7).withVarianceHead(1, VarianceKind.LOGVAR);
        PredictiveMoments mix = DeepEnsemble.estimate(List.of(m1, m2), List.of(x), List.of(o, o), null);
        PredictiveMoments a = MonteCarloDropout.estimate(m1, List.of(x), o.withSeed(DeepEnsemble.memberSeed(7, 0)), null);
        PredictiveMoments b = MonteCarloDropout.estimate(m2, List.of(x), o.withSeed(DeepEnsemble.memberSeed(7, 1)), null);
        for (int n = 0; n < 2; n++) {
            double mean = (a.mean()[n] + b.mean()[n]) / 2;
            double secondMoment = (a.epistemic()[n] + a.mean()[n] * a.mean()[n] + b.epistemic()[n] + b.mean()[n] * b.mean()[n]) / 2;
            assertEquals(mean, mix.mean()[n], 1e-12);
            assertEquals(secondMoment - mean * mean, mix.epistemic()[n], 1e-9);
            assertEquals((a.aleatoric()[n] + b.aleatoric()[n]) / 2, mix.aleatoric()[n], 1e-12);
        }
        assertArrayEquals(new int[] {2, 1}, mix.shape());
    }

    @Test
    void membersMustAgreeOnTheOutputShape() {
        var m1 = new LinearDropoutModel(new float[] {1, 2}, 0f, new float[] {0, 0}, 0f, 0.5f);
        Tensor x = Tensor.of(new float[] {1, 1, 2, -1}, 2, 2);
        var a = new PredictiveMoments(new int[] {2, 1}, new double[2], new double[2], new double[2]);
        assertEquals(2, DeepEnsemble.mixture(List.of(a, a)).mean().length);
        assertThrows(IllegalArgumentException.class,
                () -> DeepEnsemble.estimate(List.of(m1), List.of(x), List.of(), null));
    }
}
