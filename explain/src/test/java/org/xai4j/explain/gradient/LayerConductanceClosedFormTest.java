package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * Captum's tests/attr/layer/test_layer_conductance.py on BasicModel_MultiLayer (closed-form.md):
 * x = [0, 100, 0], target 0, 500 Gauss-Legendre steps as there: linear0 -> [0, 390, 0]; linear1 and the
 * ReLU -> [90, 100, 100, 100]; linear2 -> [390, 0]; the convergence delta below 0.01.
 */
class LayerConductanceClosedFormTest {
    /** BasicModel_MultiLayer with its layers named as Captum's attributes are. */
    private static final FunctionModel MULTI_LAYER = new FunctionModel((x, n) -> {
        Tensor l0 = Ops.linear(x, Tensor.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3), null);
        n.put("linear0", l0);
        Tensor l1 = Ops.linear(l0, Tensor.ones(4, 3), Tensor.of(new float[] {-10, 1, 1, 1}, 4));
        n.put("linear1", l1);
        Tensor h = Ops.relu(l1);
        n.put("relu", h);
        Tensor l2 = Ops.linear(h, Tensor.ones(2, 4), Tensor.of(new float[] {-1, 1}, 2));
        n.put("linear2", l2);
        return l2;
    });

    private static AttributionWithDelta conductance(String layer, int steps) {
        LayerAttributionOptions o = new LayerAttributionOptions(layer, false, steps, Integration.GAUSS_LEGENDRE, null, 64);
        return new LayerConductance(o).attributeWithDelta(MULTI_LAYER, Tensor.of(new float[] {0, 100, 0}, 1, 3), new int[] {0});
    }

    @Test
    void captumsKnownAnswers() {
        assertArrayEquals(new float[] {0, 390, 0}, conductance("linear0", 500).attributions().toArray(), 0.01f);
        assertArrayEquals(new float[] {90, 100, 100, 100}, conductance("linear1", 500).attributions().toArray(), 0.01f);
        assertArrayEquals(new float[] {90, 100, 100, 100}, conductance("relu", 500).attributions().toArray(), 0.01f);
        assertArrayEquals(new float[] {390, 0}, conductance("linear2", 500).attributions().toArray(), 0.01f);
    }

    @Test
    void convergesAt500Steps() {
        for (String layer : new String[] {"linear0", "linear1", "relu", "linear2"}) {
            float delta = Math.abs(conductance(layer, 500).delta()[0]);
            assertTrue(delta < 0.01f, layer + ": delta " + delta);
        }
    }
}
