package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.tensor.Tensor;

/** DeepLiftShap is the mean of DeepLIFT over the baselines (Lundberg and Lee 2017, §4.2), its delta the mean delta. */
class DeepLiftShapTest {
    @Test
    void isTheMeanOfDeepLiftOverTheBaselines() {
        FunctionModel model = TestModels.tanhMlp(4, 6, 3, 11);
        Tensor x = TestModels.normal(11, 20, 5, 4), baselines = TestModels.normal(11, 21, 3, 4);
        int[] targets = {0, 1, 2, 0, 1};
        AttributionWithDelta shap = new DeepLiftShap(new DeepLiftShap.Options(Baseline.distribution(baselines), 4)).attributeWithDelta(model, x, targets);
        double[] mean = new double[x.numel()], meanDelta = new double[5];
        for (int j = 0; j < 3; j++) {
            Tensor bj = GradientSupport.rows(baselines, j, j + 1);
            AttributionWithDelta d = new DeepLift(new DeepLift.Options(Baseline.of(bj), 64)).attributeWithDelta(model, x, targets);
            float[] a = d.attributions().toArray();
            for (int i = 0; i < a.length; i++) mean[i] += a[i] / 3.0;
            for (int r = 0; r < 5; r++) meanDelta[r] += d.delta()[r] / 3.0;
        }
        float[] got = shap.attributions().toArray();
        for (int i = 0; i < got.length; i++) assertEquals(mean[i], got[i], 1e-6, "element " + i);
        for (int r = 0; r < 5; r++) assertEquals(meanDelta[r], shap.delta()[r], 1e-6, "delta of row " + r);
    }
}
