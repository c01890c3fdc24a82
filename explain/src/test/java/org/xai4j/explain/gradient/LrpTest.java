package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** LRP's conservation (Bach et al. 2015, eq. 2): without biases the input relevances add up to f_t(x), to the rule's ε. */
class LrpTest {
    private final Tensor w1 = TestModels.normal(5, 1, 8, 4), w2 = TestModels.normal(5, 2, 8, 8), w3 = TestModels.normal(5, 3, 3, 8);
    private final Tensor x = TestModels.normal(5, 4, 6, 4);

    private FunctionModel mlp(Tensor b1) {
        return new FunctionModel((in, named) -> {
            Tensor h = Ops.relu(Ops.linear(in, w1, b1));
            // the same weights twice: a reused layer follows the rules at each use (scoped per node)
            Tensor h2 = Ops.relu(Ops.linear(h, w2, null));
            Tensor h3 = Ops.relu(Ops.linear(h2, w2, null));
            return Ops.linear(h3, w3, null);
        });
    }

    @Test
    void relevanceIsConservedWithoutBiases() {
        FunctionModel model = mlp(null);
        int[] targets = {0, 1, 2, 0, 1, 2};
        float[] r = new Lrp(Lrp.Options.defaults()).attribute(model, x, targets).toArray();
        float[] f = model.forward(x).toArray();
        int checked = 0;
        for (int row = 0; row < 6; row++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += r[row * 4 + j];
            double ft = f[row * 3 + targets[row]];
            if (Math.abs(ft) < 1e-3) continue; // a dead row: nothing to conserve
            assertEquals(ft, sum, 1e-5 * Math.max(1, Math.abs(ft)), "row " + row);
            checked++;
        }
        assertTrue(checked >= 4, "rows with a live target: " + checked);
    }

    @Test
    void aBiasAbsorbsItsShare() {
        // with a positive bias on the first layer, less than f_t(x) reaches the input (the bias keeps its part)
        Tensor bias = Tensor.full(0.5f, 8);
        FunctionModel withBias = mlp(bias);
        int[] targets = {0, 0, 0, 0, 0, 0};
        float[] r = new Lrp(Lrp.Options.defaults()).attribute(withBias, x, targets).toArray();
        float[] f = withBias.forward(x).toArray();
        double diff = 0;
        for (int row = 0; row < 6; row++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += r[row * 4 + j];
            diff += Math.abs(sum - f[row * 3]);
        }
        assertTrue(diff > 1e-3, "biases absorbed no relevance: " + diff);
    }

    @Test
    void anOpWithoutARuleIsRefusedByName() {
        FunctionModel sigmoid = new FunctionModel((in, named) -> Ops.sigmoid(Ops.linear(in, w1, null)));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new Lrp(Lrp.Options.defaults()).attribute(sigmoid, x, new int[] {0}));
        assertTrue(e.getMessage().contains("Sigmoid"), e.getMessage());
    }
}
