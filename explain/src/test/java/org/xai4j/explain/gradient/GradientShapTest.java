package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

class GradientShapTest {
    @Test
    void linearModelWithOneBaselineIsExact() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, -4, 0.5f, 7}, 2, 3);
        Tensor b = Tensor.of(new float[] {0.5f, -1, 2}, 3);
        float[] got = new GradientShap(GradientShap.Options.defaults().withBaselines(Baseline.distribution(b)).withSamples(4)).attribute(IntegratedGradientsTest.LINEAR, x, new int[] {0}).toArray();
        float[] xv = x.toArray(), bv = b.toArray();
        for (int i = 0; i < 6; i++) assertEquals((xv[i] - bv[i % 3]) * IntegratedGradientsTest.W[i % 3], got[i], 1e-5);
    }

    @Test
    void expectationOverTheBaselineDistribution() {
        // E over b and α of (x - b)·∇f(b + α(x - b)) = E_b[f(x) - f(b)] (expected gradients' completeness);
        // on a linear model each attribution converges to (x - mean(b)) w.
        Tensor x = Tensor.of(new float[] {0.3f, -0.7f, 1.1f, 0.2f}, 1, 4);
        Tensor dist = TestModels.normal(9, 0, 3, 4);
        int s = 20000;
        GradientShap gs = new GradientShap(GradientShap.Options.defaults().withBaselines(Baseline.distribution(dist)).withSamples(s).withSeed(3).withBatchSize(4096));
        FunctionModel smooth = TestModels.tanhMlp(4, 8, 2, 21);
        float[] a = gs.attribute(smooth, x, new int[] {1}).toArray();
        double sum = 0;
        for (float v : a) sum += v;
        float fx = GradientSupport.scores(smooth, x, new int[] {1})[0];
        float[] fb = GradientSupport.scores(smooth, dist, new int[] {1, 1, 1});
        double expected = fx - (fb[0] + fb[1] + fb[2]) / 3.0;
        assertEquals(expected, sum, 0.02 * Math.max(1, Math.abs(expected)), "Σ attr vs f(x) - E f(b)");

        Tensor dist3 = TestModels.normal(9, 1, 3, 3);
        float[] lin = new GradientShap(gs.options().withBaselines(Baseline.distribution(dist3))).attribute(IntegratedGradientsTest.LINEAR, Tensor.of(new float[] {1, 2, 3}, 1, 3), new int[] {0}).toArray();
        float[] d = dist3.toArray();
        for (int j = 0; j < 3; j++) {
            double mean = (d[j] + d[3 + j] + d[6 + j]) / 3;
            assertEquals((new float[] {1, 2, 3}[j] - mean) * IntegratedGradientsTest.W[j], lin[j], 0.05 * Math.abs(IntegratedGradientsTest.W[j]));
        }
    }

    @Test
    void sameSeedSameResultAndBatchSizeInvariance() {
        OnnxGraphModel iris = Fixtures.model("iris_mlp");
        Tensor x = Fixtures.tensor("iris_mlp", "input.npy");
        Tensor dist = TestModels.normal(1, 0, 10, 4);
        GradientShap.Options o = GradientShap.Options.defaults().withBaselines(Baseline.distribution(dist)).withSamples(7).withStdev(0.2f).withSeed(11);
        float[] a = new GradientShap(o.withBatchSize(1)).attribute(iris, x, null).toArray();
        for (int b : new int[] {1, 5, 42, 100}) {
            assertArrayEquals(a, new GradientShap(o.withBatchSize(b)).attribute(iris, x, null).toArray(), "batch " + b);
        }
        assertFalse(Arrays.equals(a, new GradientShap(o.withSeed(12)).attribute(iris, x, null).toArray()));
    }
}
