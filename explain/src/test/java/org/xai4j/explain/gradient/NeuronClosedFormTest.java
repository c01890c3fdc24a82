package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * The neuron attributions of a linear unit n(x) = w · x (no bias), in closed form: its gradient and
 * guided/deconvolution gradients are w; IG, DeepLIFT and GradientSHAP from a zero baseline, and ablation to 0, are w ⊙ x;
 * conductance into f_t = Σ_i v_ti ReLU(h_i) is v_tk 1[w · x > 0] w ⊙ x (the unit's sign is constant on
 * the path from 0 when there is no bias).
 */
class NeuronClosedFormTest {
    private static final int IN = 5, HIDDEN = 3, OUT = 2, K = 1;
    private final Tensor w = TestModels.normal(7, 1, HIDDEN, IN), v = TestModels.normal(7, 2, OUT, HIDDEN);
    private final FunctionModel model = new FunctionModel((x, named) -> {
        Tensor h = Ops.linear(x, w, null);
        named.put("lin", h);
        return Ops.linear(Ops.relu(h), v, null);
    });
    private final Tensor x = TestModels.normal(7, 3, 4, IN);
    private final int[] targets = {0, 1, 0, 1};

    private float[] run(AttributionMethod m) {
        return m.attribute(model, x, targets).toArray();
    }

    private static NeuronAttributionOptions unit() {
        return NeuronAttributionOptions.of("lin", K);
    }

    @Test
    void gradientsAreTheWeights() {
        float[] wk = w.toArray();
        for (AttributionMethod m : new AttributionMethod[] {new NeuronGradient(unit()), NeuronGradient.guidedBackprop(unit()),
                NeuronGradient.deconvolution(unit())}) {
            float[] g = run(m);
            for (int r = 0; r < 4; r++) {
                for (int j = 0; j < IN; j++) assertEquals(wk[K * IN + j], g[r * IN + j], 1e-6, m.name() + " row " + r);
            }
        }
    }

    @Test
    void pathAndDifferenceMethodsGiveWeightTimesInput() {
        float[] wk = w.toArray(), xv = x.toArray();
        for (AttributionMethod m : new AttributionMethod[] {new NeuronIntegratedGradients(unit()), new NeuronDeepLift(unit()),
                new NeuronFeatureAblation(unit()), new NeuronGradientShap(new NeuronGradientShap.Options(unit(), null, 5, 0f, 3L))}) {
            float[] a = run(m);
            for (int r = 0; r < 4; r++) {
                for (int j = 0; j < IN; j++) {
                    assertEquals(wk[K * IN + j] * xv[r * IN + j], a[r * IN + j], 1e-5, m.name() + " row " + r + " element " + j);
                }
            }
        }
    }

    @Test
    void conductanceIsTheOutputWeightTimesIntegratedGradients() {
        float[] wk = w.toArray(), vv = v.toArray(), xv = x.toArray();
        NeuronAttributionOptions gl = new NeuronAttributionOptions("lin", new int[] {K}, 20, Integration.GAUSS_LEGENDRE, null, 64);
        float[] a = run(new NeuronConductance(gl));
        for (int r = 0; r < 4; r++) {
            double n = 0;
            for (int j = 0; j < IN; j++) n += wk[K * IN + j] * xv[r * IN + j];
            double through = n > 0 ? vv[targets[r] * HIDDEN + K] : 0;
            for (int j = 0; j < IN; j++) {
                assertEquals(through * wk[K * IN + j] * xv[r * IN + j], a[r * IN + j], 1e-5, "row " + r + " element " + j);
            }
        }
    }
}
