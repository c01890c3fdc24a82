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
 * cost a quarter of each pass), and still compute one that the graph reads.
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
}
