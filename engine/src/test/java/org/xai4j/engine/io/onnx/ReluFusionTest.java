package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/**
 * The forward pass that runs Conv + Relu and Add + Relu pairs fused ({@link OnnxGraphModel#forward}), on a
 * miniature ResNet (residual/make_residual.py): the same bits as the node-by-node run, PyTorch's logits,
 * no separate ReLU pass, and an ordinary recorded run when gradients are being taken.
 */
class ReluFusionTest {
    private static OnnxGraphModel model() throws IOException {
        return OnnxModelLoader.load(OnnxModelLoaderTest.resource("residual/residual.onnx"));
    }

    /** Counts the backend's separate ReLU passes while body runs. */
    private static int reluPasses(Runnable body) {
        return ReluPasses.sizes(body).size();
    }

    @Test
    void fusedForwardHasTheBitsOfTheNodeByNodeRunAndPyTorchsLogits() throws IOException {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        float[] unfused = m.run(List.of(x), RunOptions.INFERENCE).output(0).toArray();
        float[] fused = m.forward(x).toArray();
        assertArrayEquals(unfused, fused);
        float[] expected = OnnxModelLoaderTest.npy("residual/expected_logits.npy").toArray();
        assertEquals(0, OnnxModelLoaderTest.relativeL2(fused, expected), 1e-6);
    }

    @Test
    void allFiveReluPassesAreFolded() throws IOException {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        assertEquals(5, reluPasses(() -> m.run(List.of(x), RunOptions.INFERENCE)));
        assertEquals(0, reluPasses(() -> m.forward(x)));
    }

    @Test
    void aRecordedForwardStaysDifferentiable() throws IOException {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        Tensor[] viaForward, viaRun;
        try (GradMode.Scope s = GradMode.enableGrad()) {
            Tensor leaf = x.detach().requiresGrad(true);
            viaForward = Gradients.gradOfSum(m.forward(leaf), leaf);
            Tensor leaf2 = x.detach().requiresGrad(true);
            viaRun = Gradients.gradOfSum(m.run(List.of(leaf2), RunOptions.INFERENCE).output(0), leaf2);
        }
        assertArrayEquals(viaRun[0].toArray(), viaForward[0].toArray());
        double norm = 0;
        for (float v : viaForward[0].toArray()) norm += v * v;
        assertTrue(norm > 0, "the input gradient is not zero");
    }
}
