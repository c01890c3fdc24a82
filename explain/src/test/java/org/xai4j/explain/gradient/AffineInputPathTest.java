package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.nn.AffineInput;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;

/**
 * Integrated gradients in the space of an affine first layer ({@link AffineInputPath}) against the plain
 * path from the input, on the Captum fixtures' CNNs (a Conv2d and a Conv1d first): the same sums rounded
 * differently, the layer really skipped, and the bits independent of batch size and thread count.
 */
class AffineInputPathTest {
    private static float[] ig(Model model, Tensor x, int[] t, IntegratedGradients.Options o) {
        return new IntegratedGradients(o).attribute(model, x, t).toArray();
    }

    private static double maxRelative(float[] got, float[] expected) {
        double scale = 0, worst = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]) / scale);
        return worst;
    }

    @Test
    void theFixtureCnnsHaveAnAffineFirstLayerAndTheMlpsIsTooSmallToPay() {
        AffineInput image = Fixtures.model("image_cnn").affineInput().orElseThrow();
        assertEquals(3 * 3 * 3, image.terms()); // Conv2d(3, 8, 3)
        AffineInput dna = Fixtures.model("dna_cnn").affineInput().orElseThrow();
        assertEquals(4 * 9, dna.terms()); // Conv1d(4, 16, 9)
        AffineInput iris = Fixtures.model("iris_mlp").affineInput().orElseThrow();
        assertEquals(4, iris.terms()); // Linear(4, 16)
        assertTrue(iris.terms() < AffineInputPath.MIN_TERMS);

        PlainPathModel mlp = PlainPathModel.counting(Fixtures.model("iris_mlp"));
        Tensor x = Fixtures.tensor("iris_mlp", "input.npy");
        ig(mlp, x, Fixtures.targets("iris_mlp"), IntegratedGradients.Options.defaults());
        assertEquals(0, mlp.fromLayer.get(), "an MLP's 4-input first layer stays on the plain path");
    }

    @Test
    void sameSumsAsThePlainPathWithTheLayerSkipped() {
        IntegratedGradients.Options d = IntegratedGradients.Options.defaults();
        IntegratedGradients.Options[] options = {d, d.withBaseline(Baseline.scalar(0.3f)).withIntegration(Integration.RIEMANN_TRAPEZOID).withSteps(20)};
        for (String m : new String[] {"image_cnn", "dna_cnn"}) {
            Tensor x = Fixtures.tensor(m, "input.npy");
            int[] t = Fixtures.targets(m);
            for (IntegratedGradients.Options o : options) {
                PlainPathModel affine = PlainPathModel.counting(Fixtures.model(m)), plain = PlainPathModel.of(Fixtures.model(m));
                float[] a = ig(affine, x, t, o), p = ig(plain, x, t, o);
                // measured 2e-7 of the largest attribution: float rounding in a different order
                double err = maxRelative(a, p);
                assertTrue(err < 2e-6, m + " " + o + ": " + err);
                int passes = (x.size(0) * o.steps() + o.batchSize() - 1) / o.batchSize();
                assertTrue(affine.fromLayer.get() >= passes, m + ": " + affine.fromLayer.get() + " passes from the layer");
                assertEquals(0, plain.fromLayer.get());
                assertTrue(plain.fromInput.get() >= passes);
            }
        }
    }

    @Test
    void batchSizeAndThreadsDoNotChangeTheBits() {
        OnnxGraphModel model = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        int[] t = Fixtures.targets("image_cnn");
        IntegratedGradients.Options d = IntegratedGradients.Options.defaults();
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] reference = ig(model, x, t, d);
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (int batch : new int[] {1, 7, 64, 100}) {
                    assertArrayEquals(reference, ig(model, x, t, d.withBatchSize(batch)), threads + " threads, batch " + batch);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
