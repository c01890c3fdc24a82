package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/**
 * {@link LayerGradients#of} makes an ONNX model's layer value a leaf where it is computed (nothing before it
 * recorded): the activation and ∂f_t/∂h it returns are bit for bit those of the whole pass recorded from the
 * input, for a layer after a max pool, for the first layer, and for the output itself.
 */
class LayerGradientsTest {
    @Test
    void theLeafAtTheLayerGivesTheRecordedPassNumbers() {
        OnnxGraphModel m = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        int[] t = Fixtures.targets("image_cnn");
        for (String layer : List.of("/r2/Relu_output_0", "/c1/Conv_output_0", "/p1/MaxPool_output_0", "output")) {
            LayerGradients got = LayerGradients.of(m, x, t, layer);
            Tensor a, g;
            try (GradMode.Scope ignored = GradMode.enableGrad()) {
                Tensor leaf = x.contiguous().detach().requiresGrad(true);
                Activations acts = m.run(List.of(leaf), RunOptions.INFERENCE);
                a = acts.get(layer);
                Tensor out = acts.output(0);
                g = Gradients.grad(out, Gradients.oneHotSeed(out.shape(), t), a)[0];
            }
            assertArrayEquals(a.toArray(), got.activation().toArray(), layer);
            assertArrayEquals(g.toArray(), got.gradient().toArray(), layer);
            boolean nonZero = false;
            for (float v : g.toArray()) nonZero |= v != 0f;
            assertTrue(nonZero, layer + ": a gradient that is not all zeros");
        }
    }
}
