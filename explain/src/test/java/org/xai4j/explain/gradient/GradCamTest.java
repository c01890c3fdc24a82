package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.onnx.OnnxReader;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

class GradCamTest {
    /** Captum BasicModel_MultiLayer: lin0 = I (named "linear0"), lin1 = ones(4,3) + [-10,1,1,1], ReLU, lin2 = ones(2,4) + [-1,1]. */
    static final FunctionModel MULTI_LAYER = new FunctionModel((x, n) -> {
        Tensor l0 = Ops.linear(x, Tensor.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3), null);
        n.put("linear0", l0);
        Tensor h = Ops.relu(Ops.linear(l0, Tensor.ones(4, 3), Tensor.of(new float[] {-10, 1, 1, 1}, 4)));
        return Ops.linear(h, Tensor.ones(2, 4), Tensor.of(new float[] {-1, 1}, 2));
    });

    static LayerGradCam gradCam(String layer) {
        return new LayerGradCam(LayerGradCam.Options.defaults().withLayer(layer));
    }

    @Test
    void captumKnownAnswers() {
        // captum tests/attr/layer/test_grad_cam.py
        assertArrayEquals(new float[] {400}, gradCam("linear0").attribute(MULTI_LAYER, Tensor.of(new float[] {0, 100, 0}, 1, 3), new int[] {0}).toArray());
        Tensor conv1 = gradCam("conv1").attribute(ConvNetOneConv.model(), ConvNetOneConv.X, new int[] {0});
        assertArrayEquals(new int[] {1, 1, 2, 2}, conv1.shape());
        assertArrayEquals(new float[] {11.25f, 13.5f, 20.25f, 22.5f}, conv1.toArray(), 1e-5f);
        assertArrayEquals(new float[] {0, 4, 28, 32.5f}, gradCam("relu1").attribute(ConvNetOneConv.model(), ConvNetOneConv.X, new int[] {0}).toArray(), 1e-5f);
        // captum tests/attr/test_guided_grad_cam.py (layer relu1)
        assertArrayEquals(new float[] {0, 0, 4, 4, 0, 0, 12, 8, 28, 84, 97.5f, 65, 28, 56, 65, 32.5f},
                new GuidedGradCam(GuidedGradCam.Options.defaults().withLayer("relu1")).attribute(ConvNetOneConv.model(), ConvNetOneConv.X, new int[] {0}).toArray(), 1e-4f);
    }

    @Test
    void tfExplainPonderatedOutput() {
        // tf-explain test_should_ponderate_output: channel gradients 1, 2, 3 and activations 1, 2, 4 -> 1 + 4 + 12 = 17
        FunctionModel m = new FunctionModel((x, n) -> Ops.reshape(Ops.sum(Ops.mul(x, Tensor.of(new float[] {1, 2, 3}, 1, 3, 1, 1)), false, 1, 2, 3), -1, 1));
        float[] a = new float[27];
        for (int i = 0; i < 27; i++) a[i] = new float[] {1, 2, 4}[i / 9];
        Tensor out = gradCam("input").attribute(m, Tensor.of(a, 1, 3, 3, 3), new int[] {0});
        float[] e = new float[9];
        java.util.Arrays.fill(e, 17f);
        assertArrayEquals(e, out.toArray(), 1e-5f);
    }

    /** score = 4·mean(A0) − 4·mean(A1) on a 2-channel 2×2 input: ∂/∂A0 = 1 and ∂/∂A1 = −1 everywhere. */
    static final FunctionModel TWO_CHANNELS = new FunctionModel((x, n) -> {
        Tensor w = Tensor.of(new float[] {1, -1}, 1, 2, 1, 1);
        return Ops.reshape(Ops.sum(Ops.mul(x, w), false, 1, 2, 3), 1, 1);
    });

    @Test
    void gradCamPlusPlusByHand() {
        // channel 0: A = [1,2,3,4], S = 10, g = 1 -> α = 1/(2 + 10), w = 4 α = 1/3; channel 1: g = −1 -> w = 0
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 5, 5, 5}, 1, 2, 2, 2);
        float[] got = new GradCamPlusPlus(LayerGradCam.Options.defaults().withLayer("input")).attribute(TWO_CHANNELS, x, new int[] {0}).toArray();
        double w = 4 * (1 / (12 + 1e-6));
        assertArrayEquals(new float[] {(float) w, (float) (2 * w), (float) (3 * w), (float) (4 * w)}, got, 1e-6f);
        // Grad-CAM of the same: weights (1, −1) -> A0 − A1
        assertArrayEquals(new float[] {-4, -3, -2, -1}, gradCam("input").attribute(TWO_CHANNELS, x, new int[] {0}).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0, 0}, new LayerGradCam(LayerGradCam.Options.defaults().withLayer("input").withRelu(true))
                .attribute(TWO_CHANNELS, x, new int[] {0}).toArray());
    }

    @Test
    void captumFixtures() {
        OnnxGraphModel dna = Fixtures.model("dna_cnn");
        Fixtures.assertClose("dna_cnn grad_cam", gradCam("/r2/Relu_output_0").attribute(dna, Fixtures.tensor("dna_cnn", "input.npy"), Fixtures.targets("dna_cnn")),
                Fixtures.tensor("dna_cnn", "expected_grad_cam.npy"));
        OnnxGraphModel img = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        int[] t = Fixtures.targets("image_cnn");
        Fixtures.assertClose("image_cnn grad_cam", gradCam("/r2/Relu_output_0").attribute(img, x, t), Fixtures.tensor("image_cnn", "expected_grad_cam.npy"));
        Fixtures.assertClose("image_cnn grad_cam_relu", new LayerGradCam(LayerGradCam.Options.defaults().withLayer("/r2/Relu_output_0").withRelu(true))
                .attribute(img, x, t), Fixtures.tensor("image_cnn", "expected_grad_cam_relu.npy"));
        Fixtures.assertClose("image_cnn guided_grad_cam", new GuidedGradCam(GuidedGradCam.Options.defaults().withLayer("/r2/Relu_output_0")).attribute(img, x, t),
                Fixtures.tensor("image_cnn", "expected_guided_grad_cam.npy"));
    }

    @Test
    void autoLayerIsTheLastFeatureMapBeforeGlobalPooling() {
        for (String m : new String[] {"dna_cnn", "image_cnn"}) {
            OnnxGraphModel model = Fixtures.model(m);
            Tensor x = Fixtures.tensor(m, "input.npy");
            try (GradMode.Scope s = GradMode.noGrad()) {
                assertEquals("/r2/Relu_output_0", LayerSelection.auto(GradientSupport.run(model, x), model.inputNames()), m);
            }
            // and "auto" as the option gives the fixture
            Fixtures.assertClose(m + " grad_cam (--layer auto)", new LayerGradCam().attribute(model, x, Fixtures.targets(m)), Fixtures.tensor(m, "expected_grad_cam.npy"));
        }
        Exception e = assertThrows(IllegalArgumentException.class, () -> new LayerGradCam().attribute(MULTI_LAYER, Tensor.ones(1, 3), null));
        assertTrue(e.getMessage().contains("--layer") && e.getMessage().contains("linear0"), e.getMessage());
    }

    @Test
    void camIsGradCamTimesPositionsBehindGlobalAveragePooling() throws Exception {
        OnnxGraphModel img = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        Tensor w = Cam.classifierWeights(OnnxReader.read(Fixtures.dir("image_cnn").resolve("model.onnx")), "/r2/Relu_output_0");
        assertArrayEquals(img.initializer("fc.weight").toArray(), w.toArray());
        float[] expected = Fixtures.tensor("image_cnn", "expected_grad_cam.npy").toArray();
        for (int i = 0; i < expected.length; i++) expected[i] *= 256; // 16 × 16 positions
        Fixtures.assertClose("image_cnn cam = 256 × grad_cam", new Cam(Cam.Options.of("auto", w)).attribute(img, x, Fixtures.targets("image_cnn")),
                Tensor.of(expected, 2, 1, 16, 16));
        // the DNA model pools with a max, not an average: CAM does not apply
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> Cam.classifierWeights(OnnxReader.read(Fixtures.dir("dna_cnn").resolve("model.onnx")), "/r2/Relu_output_0"));
        assertTrue(e.getMessage().contains("MaxPool") && e.getMessage().contains("grad-cam"), e.getMessage());
        Exception none = assertThrows(IllegalArgumentException.class, () -> Cam.Options.of("auto", null));
        assertTrue(none.getMessage().contains("classifier weights"), none.getMessage());
    }

    @Test
    void upsampling() {
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, Upsampling.NEAREST.apply(m, new int[] {4, 4}).toArray());
        // F.interpolate([0, 1], size=4, mode="linear") = [0, 0.25, 0.75, 1]
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, Upsampling.LINEAR.apply(Tensor.of(new float[] {0, 1}, 1, 1, 2), new int[] {4}).toArray(), 1e-7f);
        // F.interpolate(range(3), size=5, mode="nearest") picks floor(i · 3/5) = [0, 0, 1, 1, 2]
        assertArrayEquals(new float[] {0, 0, 1, 1, 2}, Upsampling.NEAREST.apply(Tensor.of(new float[] {0, 1, 2}, 1, 1, 3), new int[] {5}).toArray());
        Tensor up = new LayerGradCam(LayerGradCam.Options.defaults().withLayer("relu1").withUpsample(Upsampling.NEAREST))
                .attribute(ConvNetOneConv.model(), ConvNetOneConv.X, new int[] {0});
        assertArrayEquals(new int[] {1, 1, 4, 4}, up.shape());
        assertArrayEquals(new float[] {0, 0, 4, 4, 0, 0, 4, 4, 28, 28, 32.5f, 32.5f, 28, 28, 32.5f, 32.5f}, up.toArray(), 1e-5f);
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        OnnxGraphModel img = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        for (var make : List.<java.util.function.IntFunction<org.xai4j.explain.AttributionMethod>>of(
                b -> new LayerGradCam(LayerGradCam.Options.defaults().withBatchSize(b)),
                b -> new GradCamPlusPlus(LayerGradCam.Options.defaults().withBatchSize(b)),
                b -> new GuidedGradCam(GuidedGradCam.Options.defaults().withBatchSize(b)),
                b -> new Cam(new Cam.Options("auto", img.initializer("fc.weight"), true, Upsampling.LINEAR, b)))) {
            assertArrayEquals(make.apply(1).attribute(img, x, null).toArray(), make.apply(2).attribute(img, x, null).toArray());
        }
    }
}
