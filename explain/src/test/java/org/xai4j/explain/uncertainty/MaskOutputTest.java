package org.xai4j.explain.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/**
 * MC dropout runs skip a Dropout mask output that nothing reads (PyTorch exports one in training mode; it
 * cost a quarter of each pass), and still compute one that the graph reads; unrecorded, they also write
 * each Gemm's ReLU as the bias is added, with the bits of the recorded node-by-node run.
 */
class MaskOutputTest {
    @Test
    void unreadMaskIsSkippedOnlyInMcRuns() throws Exception {
        var model = OnnxModelLoader.load(UncertaintyPyTorchTest.resource("mlp_dropout_logvar.onnx"));
        Tensor x = Tensor.ones(3, 4);
        String mask = "/body/body.2/Dropout_output_1";
        assertTrue(model.run(List.of(x), RunOptions.INFERENCE).contains(mask));
        assertFalse(model.run(List.of(x), RunOptions.monteCarlo(1, 2)).contains(mask));
    }

    @Test
    void aMaskTheGraphOutputsIsComputed() throws Exception {
        var model = OnnxModelLoader.load(UncertaintyPyTorchTest.resource("dropout_mask_output.onnx"));
        Tensor x = Tensor.ones(2, 8);
        Activations a = model.run(List.of(x), RunOptions.monteCarloPerRow(4, new long[] {0, 1}));
        float[] y = a.output(0).toArray(), m = a.output(1).toArray();
        int kept = 0;
        for (int i = 0; i < 16; i++) {
            assertEquals(y[i] != 0f ? 1f : 0f, m[i], 0, "element " + i);
            kept += (int) m[i];
        }
        assertTrue(kept > 0 && kept < 16, "kept " + kept);
    }

    @Test
    void unrecordedMcRunsFuseTheReluWithTheSameBits() throws Exception {
        var model = OnnxModelLoader.load(UncertaintyPyTorchTest.resource("mlp_dropout_logvar.onnx"));
        float[] v = new float[6 * 4];
        java.util.Random rnd = new java.util.Random(8);
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        RunOptions mc = RunOptions.monteCarloPerRow(3, new long[] {5, 6, 7, 8, 9, 10});
        Activations fused = model.run(List.of(Tensor.of(v, 6, 4)), mc);
        Activations nodeByNode;
        try (var grad = org.xai4j.engine.autodiff.GradMode.enableGrad()) {
            nodeByNode = model.run(List.of(Tensor.of(v.clone(), 6, 4).requiresGrad(true)), mc);
        }
        String gemmOut = "/body/body.0/Gemm_output_0";
        assertTrue(nodeByNode.contains(gemmOut), "a recorded run keeps the Gemm's own output");
        assertFalse(fused.contains(gemmOut), "the unrecorded MC run wrote the ReLU instead");
        for (int o = 0; o < 2; o++) {
            float[] a = fused.output(o).toArray(), b = nodeByNode.output(o).toArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(b[i]), Float.floatToRawIntBits(a[i]), "output " + o + " element " + i);
            }
        }
    }
}
