package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

class NoiseTunnelTest {
    static final Saliency SIGNED = new Saliency(Saliency.Options.defaults().withAbs(false));

    @Test
    void linearModelGradientIgnoresTheNoise() {
        // f = -3 x0 + 2 x1: every noisy copy has gradient (-3, 2)
        FunctionModel lin = new FunctionModel((x, n) -> Ops.matmul(x, Tensor.of(new float[] {-3, 2}, 2, 1)));
        Tensor x = Tensor.of(new float[] {1, 1, 5, -2}, 2, 2);
        NoiseTunnel.Options o = NoiseTunnel.Options.defaults().withSamples(7).withStdev(0.5f);
        assertArrayEquals(new float[] {-3, 2, -3, 2}, new NoiseTunnel(SIGNED, o).attribute(lin, x, null).toArray(), 1e-6f);
        assertArrayEquals(new float[] {9, 4, 9, 4}, new NoiseTunnel(SIGNED, o.withType(NoiseType.SMOOTHGRAD_SQ)).attribute(lin, x, null).toArray(), 1e-5f);
        assertArrayEquals(new float[] {0, 0, 0, 0}, new NoiseTunnel(SIGNED, o.withType(NoiseType.VARGRAD)).attribute(lin, x, null).toArray(), 1e-5f);
    }

    @Test
    void quadraticModelMomentsMatchTheNoise() {
        // f = Σ x²: gradient 2(x + ε); SmoothGrad → 2x, SmoothGrad² → 4x² + 4σ², VarGrad → 4σ² (ε ~ N(0, σ²))
        FunctionModel quad = new FunctionModel((x, n) -> Ops.sum(Ops.mul(x, x), true, 1));
        Tensor x = Tensor.of(new float[] {1, -2, 0.5f}, 1, 3);
        float sigma = 0.3f;
        NoiseTunnel.Options o = NoiseTunnel.Options.defaults().withSamples(20000).withStdev(sigma).withSeed(42).withBatchSize(4096);
        double se = 4 * sigma * sigma * Math.sqrt(2.0 / 20000) * 5; // five standard errors of the variance estimate
        float[] sg = new NoiseTunnel(SIGNED, o).attribute(quad, x, null).toArray();
        float[] vg = new NoiseTunnel(SIGNED, o.withType(NoiseType.VARGRAD)).attribute(quad, x, null).toArray();
        float[] sq = new NoiseTunnel(SIGNED, o.withType(NoiseType.SMOOTHGRAD_SQ)).attribute(quad, x, null).toArray();
        float[] xv = x.toArray();
        for (int j = 0; j < 3; j++) {
            assertEquals(2 * xv[j], sg[j], 5 * 2 * sigma / Math.sqrt(20000));
            assertEquals(4 * sigma * sigma, vg[j], se);
            assertEquals(sq[j] - sg[j] * sg[j], vg[j], 1e-4); // VarGrad = E[a²] − E[a]² from the same draws
        }
    }

    @Test
    void sameSeedSameResultAndBatchSizeInvariance() {
        OnnxGraphModel img = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        NoiseTunnel.Options o = NoiseTunnel.Options.defaults().withSamples(5).withStdev(0.1f).withSeed(7);
        float[] a = new NoiseTunnel(new Saliency(), o.withBatchSize(1)).attribute(img, x, null).toArray();
        assertArrayEquals(a, new NoiseTunnel(new Saliency(), o.withBatchSize(1)).attribute(img, x, null).toArray());
        for (int b : new int[] {3, 10, 64}) {
            assertArrayEquals(a, new NoiseTunnel(new Saliency(new Saliency.Options(true, 2)), o.withBatchSize(b)).attribute(img, x, null).toArray(), "batch " + b);
        }
        assertFalse(Arrays.equals(a, new NoiseTunnel(new Saliency(), o.withSeed(8)).attribute(img, x, null).toArray()), "another seed");
    }

    @Test
    void smoothGradOfIntegratedGradientsWithoutNoiseIsIntegratedGradients() {
        OnnxGraphModel iris = Fixtures.model("iris_mlp");
        Tensor x = Fixtures.tensor("iris_mlp", "input.npy");
        // zero noise: SmoothGrad over IG is IG itself
        NoiseTunnel nt = new NoiseTunnel(new IntegratedGradients(), NoiseTunnel.Options.defaults().withStdev(0f).withSamples(3));
        Fixtures.assertClose("iris_mlp smoothgrad(ig, stdev 0)", nt.attribute(iris, x, Fixtures.targets("iris_mlp")), Fixtures.tensor("iris_mlp", "expected_ig_gl50.npy"));
    }

    @Test
    void parsesCaptumNames() {
        assertEquals(NoiseType.SMOOTHGRAD_SQ, NoiseType.parse("smoothgrad_sq"));
        assertEquals(NoiseType.VARGRAD, NoiseType.parse("vargrad"));
    }
}
