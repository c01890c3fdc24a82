package org.xai4j.explain.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.perturbation.FeatureMask;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.explain.testing.Games;

class PermutationImportanceTest {
    @Test
    void alibiExactCaseOnlyThePredictorsColumnMatters() {
        // Alibi test_explain_exact: X = arange(90).reshape(9, 10).T (10 rows x 9 features), y = arange(10) + 10 t,
        // predictor = x[:, t] as a class; metric accuracy. Here the class is the argmax of -(x_t - c)^2 over
        // c in 0..99. A shuffle that leaves row i in place keeps it right, so the importance of t is
        // 1 - (fixed points)/10 for each repeat (Alibi's derangement-based "exact" gives 1), others exactly 0.
        int t = 4;
        float[] v = new float[90];
        for (int i = 0; i < 10; i++) for (int j = 0; j < 9; j++) v[i * 9 + j] = j * 10 + i;
        Tensor x = Tensor.of(v, 10, 9);
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) y[i] = i + 10 * t;
        float[] classes = new float[100];
        for (int c = 0; c < 100; c++) classes[c] = c;
        Tensor centres = Tensor.of(classes, 100);
        FunctionModel predictor = new FunctionModel(in -> {
            Tensor diff = Ops.sub(Ops.slice(in, 1, t, t + 1, 1), centres);
            return Ops.neg(Ops.mul(diff, diff));
        });
        PermutationImportanceResult r = new PermutationImportance(new PermutationImportanceOptions(Metric.ACCURACY, 6, 3, null, 7))
                .compute(predictor, x, Tensor.of(y, 10));
        assertEquals(1.0, r.baselineScore(), 0);
        for (int j = 0; j < 9; j++) {
            for (int k = 0; k < 6; k++) {
                double expected = 0;
                if (j == t) {
                    int[] p = new RandomStream(3, k).permutation(10);
                    int fixed = 0;
                    for (int i = 0; i < 10; i++) if (p[i] == i) fixed++;
                    expected = 1 - fixed / 10.0;
                }
                assertEquals(expected, r.importances()[j][k], 1e-12, "feature " + j + " repeat " + k);
            }
        }
        assertEquals(0, r.std()[0], 0);
        assertTrue(r.mean()[t] > 0.5);
    }

    @Test
    void plantedNoiseFeatureRanksLast() {
        // y = 3 x0 + 2 x1 + x2 + 0.01 x3; the model is that line, x3 is noise it barely reads
        Tensor data = Games.normalRows(300, 4, 8);
        FunctionModel f = ClosedFormModels.linear(new float[] {3, 2, 1, 0.01f}, 0f);
        float[] y;
        try (var ignored = org.xai4j.engine.autodiff.GradMode.noGrad()) {
            y = f.forward(data).toArray();
        }
        for (Metric metric : new Metric[] {Metric.MSE, Metric.R2}) {
            PermutationImportanceResult r = new PermutationImportance(new PermutationImportanceOptions(metric, 5, 1, null, 128))
                    .compute(f, data, Tensor.of(y, 300));
            double[] m = r.mean();
            assertTrue(m[0] > m[1] && m[1] > m[2] && m[2] > m[3], metric + ": " + java.util.Arrays.toString(m));
            assertTrue(m[3] < 0.01 * m[2], metric + ": " + java.util.Arrays.toString(m));
        }
    }

    @Test
    void classifierWithLogitsAndGroupedFeatures() {
        // labels are the model's own argmax: accuracy 1 and logloss = mean cross-entropy of its softmax
        FunctionModel f = Games.randomMlp(6, 3, 9);
        Tensor data = Games.normalRows(40, 6, 10);
        float[] out;
        try (var ignored = org.xai4j.engine.autodiff.GradMode.noGrad()) {
            out = f.forward(data).toArray();
        }
        float[] y = new float[40];
        double loss = 0;
        for (int i = 0; i < 40; i++) {
            int best = 0;
            double z = 0;
            for (int c = 0; c < 3; c++) {
                if (out[i * 3 + c] > out[i * 3 + best]) best = c;
                z += Math.exp(out[i * 3 + c]);
            }
            y[i] = best;
            loss -= out[i * 3 + best] - Math.log(z);
        }
        FeatureMask pairs = FeatureMask.of(new int[] {0, 0, 1, 1, 2, 2}, 6);
        PermutationImportanceResult acc = new PermutationImportance(new PermutationImportanceOptions(Metric.ACCURACY, 3, 2, pairs, 16))
                .compute(f, data, Tensor.of(y, 40));
        assertEquals(1.0, acc.baselineScore(), 0);
        assertArrayEquals(new int[] {0, 1, 2}, acc.features());
        PermutationImportanceResult ll = new PermutationImportance(new PermutationImportanceOptions(Metric.LOGLOSS, 3, 2, pairs, 16))
                .compute(f, data, Tensor.of(y, 40));
        assertEquals(loss / 40, ll.baselineScore(), 1e-6);
        for (int j = 0; j < 3; j++) assertTrue(ll.mean()[j] > 0, "permuting a feature the model reads raises its loss");
    }

    @Test
    void metricsByHand() {
        // probabilities (2 classes): rows [0.9, 0.1], [0.2, 0.8], [0.6, 0.4], labels 0, 1, 1
        float[] p = {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f};
        float[] y = {0, 1, 1};
        assertTrue(Metric.looksLikeProbabilities(p, 2));
        assertEquals(2 / 3.0, Metric.ACCURACY.score(p, 2, y, true), 1e-12);
        assertEquals(-(Math.log(0.9f) + Math.log(0.8f) + Math.log(0.4f)) / 3, Metric.LOGLOSS.score(p, 2, y, true), 1e-7);
        // one column of logits: sigmoid
        float[] z = {2, -1};
        assertEquals(-(Math.log(1 / (1 + Math.exp(-2))) + Math.log(1 - 1 / (1 + Math.exp(1)))) / 2,
                Metric.LOGLOSS.score(z, 1, new float[] {1, 0}, false), 1e-12);
        assertEquals(1.0, Metric.ACCURACY.score(z, 1, new float[] {1, 0}, false), 0);
        // regression: residuals 1, -1, 0 around labels 1, 2, 3
        float[] r = {2, 1, 3};
        float[] t = {1, 2, 3};
        assertEquals(2 / 3.0, Metric.MSE.score(r, 1, t, false), 1e-12);
        assertEquals(1 - 2 / 2.0, Metric.R2.score(r, 1, t, false), 1e-12);
        assertEquals(Metric.LOGLOSS, Metric.parse("logloss"));
        var e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("f1"));
        assertEquals("unknown --metric 'f1': expected accuracy, logloss, r2 or mse", e.getMessage());
    }

    @Test
    void sameSeedSameResultForEveryBatchSize() {
        FunctionModel f = Games.randomMlp(5, 1, 2);
        Tensor data = Games.normalRows(25, 5, 3);
        Tensor y = Games.normalRows(25, 1, 4);
        double[][] reference = new PermutationImportance(new PermutationImportanceOptions(Metric.MSE, 4, 5, null, 1)).compute(f, data, y).importances();
        for (int batch : new int[] {6, 25, 999}) {
            double[][] got = new PermutationImportance(new PermutationImportanceOptions(Metric.MSE, 4, 5, null, batch)).compute(f, data, y).importances();
            for (int j = 0; j < 5; j++) assertArrayEquals(reference[j], got[j], 0);
        }
        double[][] other = new PermutationImportance(new PermutationImportanceOptions(Metric.MSE, 4, 6, null, 6)).compute(f, data, y).importances();
        assertNotEquals(reference[0][0], other[0][0]);
    }
}
