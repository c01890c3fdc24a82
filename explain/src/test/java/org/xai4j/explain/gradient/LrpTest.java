package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * LRP's rules by hand on one layer, and its conservation (Bach et al. 2015, eq. 2): without biases, or with the
 * gamma and z+ rules' set_bias_to_zero, the input relevances add up to f_t(x), to the rule's ε, for every rule.
 */
class LrpTest {
    private final Tensor w1 = TestModels.normal(5, 1, 8, 4), w2 = TestModels.normal(5, 2, 8, 8), w3 = TestModels.normal(5, 3, 3, 8);
    private final Tensor x = TestModels.normal(5, 4, 6, 4);
    private static final int[] TARGETS = {0, 1, 2, 0, 1, 2};

    private FunctionModel mlp(Tensor b1, Tensor w2second) {
        return new FunctionModel((in, named) -> {
            Tensor h = Ops.relu(Ops.linear(in, w1, b1));
            // the same weights twice (unless w2second differs): a reused layer follows the rules at each use
            Tensor h2 = Ops.relu(Ops.linear(h, w2, null));
            Tensor h3 = Ops.relu(Ops.linear(h2, w2second, null));
            return Ops.linear(h3, w3, null);
        });
    }

    private static Lrp lrp(LrpRule rule, boolean zeroBias) {
        return new Lrp(Lrp.Options.defaults().withRules(LrpLayerRules.everywhere(rule)).withBiasToZero(zeroBias));
    }

    /** Asserts Σ_j attr[row, j] = f_t(x_row) for every row with a live target; returns how many were checked. */
    private int assertConserved(FunctionModel model, float[] r, String what) {
        float[] f = model.forward(x).toArray();
        int checked = 0;
        for (int row = 0; row < 6; row++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += r[row * 4 + j];
            double ft = f[row * 3 + TARGETS[row]];
            if (Math.abs(ft) < 1e-3) continue; // a dead row: nothing to conserve
            assertEquals(ft, sum, 1e-5 * Math.max(1, Math.abs(ft)), what + " row " + row);
            checked++;
        }
        return checked;
    }

    @ParameterizedTest
    @EnumSource(LrpRule.class)
    void everyRuleConservesRelevanceWithoutBiases(LrpRule rule) {
        FunctionModel model = mlp(null, w2);
        int checked = assertConserved(model, lrp(rule, false).attribute(model, x, TARGETS).toArray(), rule.toString());
        assertTrue(checked >= 4, "rows with a live target: " + checked);
    }

    @ParameterizedTest
    @EnumSource(value = LrpRule.class, names = {"GAMMA", "ALPHA1_BETA0"})
    void setBiasToZeroConservesRelevanceDespiteBiases(LrpRule rule) {
        FunctionModel model = mlp(Tensor.full(0.5f, 8), w2);
        int checked = assertConserved(model, lrp(rule, true).attribute(model, x, TARGETS).toArray(), rule + " without biases");
        assertTrue(checked >= 4, "rows with a live target: " + checked);
    }

    @Test
    void aBiasAbsorbsItsShare() {
        // with a positive bias on the first layer, less than f_t(x) reaches the input (the bias keeps its part)
        FunctionModel withBias = mlp(Tensor.full(0.5f, 8), w2);
        float[] r = new Lrp(Lrp.Options.defaults()).attribute(withBias, x, new int[] {0}).toArray();
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
    void oneLayerByHand() {
        // f(x) = w·x + b with x = (1, 2), w = (2, −1), b = 0.5: f = 0.5; R_i = f · x_i w'_i / z'
        FunctionModel layer = new FunctionModel((in, n) -> Ops.linear(in, Tensor.of(new float[] {2, -1}, 1, 2), Tensor.of(new float[] {0.5f}, 1)));
        Tensor in = Tensor.of(new float[] {1, 2}, 1, 2);
        int[] t = {0};
        // epsilon: w' = w, z' = 0.5 → (2, −2)
        assertArrayEquals(new float[] {2, -2}, lrp(LrpRule.EPSILON, false).attribute(layer, in, t).toArray(), 1e-6f);
        // gamma 0.25: w' = (2.5, −1), z' = 2.5 − 2 + 0.5 = 1 → 0.5 · (2.5, −2) = (1.25, −1)
        assertArrayEquals(new float[] {1.25f, -1f}, lrp(LrpRule.GAMMA, false).attribute(layer, in, t).toArray(), 1e-6f);
        // gamma, bias set to zero: z' = 0.5 → (2.5, −2)
        assertArrayEquals(new float[] {2.5f, -2f}, lrp(LrpRule.GAMMA, true).attribute(layer, in, t).toArray(), 1e-6f);
        // gamma 1: w' = (4, −1), z' = 4 − 2 + 0.5 = 2.5 → 0.5 · (4, −2) / 2.5 = (0.8, −0.4)
        assertArrayEquals(new float[] {0.8f, -0.4f}, new Lrp(Lrp.Options.defaults().withRules(LrpLayerRules.everywhere(LrpRule.GAMMA))
                .withGamma(1)).attribute(layer, in, t).toArray(), 1e-6f);
        // z+: w' = (2, 0), z' = 2.5 → 0.5 · (2, 0) / 2.5 = (0.4, 0)
        assertArrayEquals(new float[] {0.4f, 0f}, lrp(LrpRule.ALPHA1_BETA0, false).attribute(layer, in, t).toArray(), 1e-6f);
        // epsilon 0.5: the layer divides once, by z + ε = 1 → 0.5 · (2, −2) = (1, −1)
        assertArrayEquals(new float[] {1f, -1f}, new Lrp(new Lrp.Options(0.5, 64)).attribute(layer, in, t).toArray(), 1e-6f);
    }

    @ParameterizedTest
    @EnumSource(LrpRule.class)
    void aReusedLayerIsTheSameAsTwoCopies(LrpRule rule) {
        // Captum refuses a module used twice; the rules here follow each recorded node
        Tensor copy = Tensor.of(w2.toArray(), w2.shape());
        float[] reused = lrp(rule, false).attribute(mlp(Tensor.full(0.1f, 8), w2), x, TARGETS).toArray();
        float[] twoCopies = lrp(rule, false).attribute(mlp(Tensor.full(0.1f, 8), copy), x, TARGETS).toArray();
        assertArrayEquals(twoCopies, reused);
    }

    @Test
    void aRuleForALayerTypeTheModelLacksChangesNothing() {
        FunctionModel model = mlp(Tensor.full(0.1f, 8), w2);
        float[] plain = new Lrp(Lrp.Options.defaults()).attribute(model, x, TARGETS).toArray();
        LrpLayerRules convOnly = LrpLayerRules.parse("conv=gamma,maxpool=alpha1-beta0");
        assertArrayEquals(plain, new Lrp(Lrp.Options.defaults().withRules(convOnly)).attribute(model, x, TARGETS).toArray());
        float[] gamma = new Lrp(Lrp.Options.defaults().withRules(LrpLayerRules.parse("linear=gamma"))).attribute(model, x, TARGETS).toArray();
        assertTrue(!java.util.Arrays.equals(plain, gamma), "linear=gamma changes the MLP's relevances");
    }

    @Test
    void aConvNetConservesRelevanceUnderZPlusWithoutBiases() {
        // conv (bias) → relu → max pool → conv (bias) → relu → global average pool → linear (bias)
        Tensor c1 = TestModels.normal(6, 1, 4, 2, 3, 3), b1 = TestModels.normal(6, 2, 4);
        Tensor c2 = TestModels.normal(6, 3, 5, 4, 3, 3), b2 = TestModels.normal(6, 4, 5);
        Tensor fc = TestModels.normal(6, 5, 3, 5), bf = TestModels.normal(6, 6, 3);
        int[] one = {1, 1}, pad = {1, 1}, zero = {0, 0};
        FunctionModel cnn = new FunctionModel((in, n) -> {
            Tensor h = Ops.relu(Ops.conv(in, c1, b1, one, pad, pad, one, 1));
            h = Ops.maxPool(h, new int[] {2, 2}, new int[] {2, 2}, zero, zero, one, false);
            h = Ops.relu(Ops.conv(h, c2, b2, one, pad, pad, one, 1));
            return Ops.linear(Ops.flatten(Ops.globalAvgPool(h), 1), fc, bf);
        });
        Tensor images = TestModels.scaled(TestModels.normal(6, 7, 3, 2, 6, 6), 1f);
        int[] t = {0, 1, 2};
        float[] r = lrp(LrpRule.ALPHA1_BETA0, true).attribute(cnn, images, t).toArray();
        float[] f = cnn.forward(images).toArray();
        for (int row = 0; row < 3; row++) {
            double sum = 0;
            for (int j = 0; j < 72; j++) sum += r[row * 72 + j];
            double ft = f[row * 3 + t[row]];
            assertEquals(ft, sum, 1e-4 * Math.max(1, Math.abs(ft)), "row " + row);
        }
    }

    @Test
    void anOpWithoutARuleIsRefusedByName() {
        FunctionModel sigmoid = new FunctionModel((in, named) -> Ops.sigmoid(Ops.linear(in, w1, null)));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new Lrp(Lrp.Options.defaults()).attribute(sigmoid, x, new int[] {0}));
        assertTrue(e.getMessage().contains("Sigmoid"), e.getMessage());
    }

    @Test
    void theRuleOptionParsesAsCaptumNamesThem() {
        LrpLayerRules r = LrpLayerRules.parse("conv=GammaRule, linear=z+,maxpool2d=epsilon");
        assertEquals(LrpRule.GAMMA, r.ruleFor(LrpLayerType.CONV));
        assertEquals(LrpRule.ALPHA1_BETA0, r.ruleFor(LrpLayerType.LINEAR));
        assertEquals(LrpRule.EPSILON, r.ruleFor(LrpLayerType.MAX_POOL));
        assertEquals(LrpRule.EPSILON, r.ruleFor(LrpLayerType.ADD), "not named: Captum's default");
        assertEquals("linear=alpha1-beta0,conv=gamma", r.toString());
        assertEquals("epsilon on every layer", LrpLayerRules.CAPTUM_DEFAULTS.toString());
        assertEquals(LrpLayerRules.everywhere(LrpRule.GAMMA), LrpLayerRules.parse("gamma"));
        for (String bad : new String[] {"relu=gamma", "tanh=epsilon", "lstm=gamma", "linear=beta", "linear", "linear=gamma,linear=gamma", ""}) {
            assertThrows(IllegalArgumentException.class, () -> LrpLayerRules.parse(bad), bad);
        }
    }
}
