package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * Layer GradientSHAP where the network is linear after the layer, f_t = v_t · h: the layer gradient is v_t
 * at every sample, so the attributions are (h(x) − h(b)) ⊙ v_t whatever α is drawn (closed form), and the
 * same seed gives the same numbers for any batch size.
 */
class LayerGradientShapTest {
    private final Tensor w = TestModels.normal(9, 1, 6, 4), v = TestModels.normal(9, 2, 3, 6);
    private final FunctionModel model = new FunctionModel((x, named) -> {
        Tensor h = Ops.tanh(Ops.linear(x, w, null));
        named.put("h", h);
        return Ops.linear(h, v, null);
    });
    private final Tensor x = TestModels.normal(9, 3, 5, 4);
    private final int[] targets = {0, 1, 2, 0, 1};

    private float[] run(int batch) {
        LayerGradientShap.Options o = new LayerGradientShap.Options("h", false, null, 7, 0f, 4L, batch);
        return new LayerGradientShap(o).attribute(model, x, targets).toArray();
    }

    @Test
    void linearAfterTheLayerGivesTheClosedForm() {
        float[] a = run(64), h = model.run(java.util.List.of(x), org.xai4j.engine.nn.RunOptions.INFERENCE).get("h").toArray();
        float[] vv = v.toArray();
        for (int r = 0; r < 5; r++) {
            for (int j = 0; j < 6; j++) {
                // h(0) = tanh(0) = 0: the baseline's layer value vanishes
                assertEquals(h[r * 6 + j] * vv[targets[r] * 6 + j], a[r * 6 + j], 1e-5, "row " + r + " unit " + j);
            }
        }
        assertArrayEquals(a, run(3), "batch size 3");
    }
}
