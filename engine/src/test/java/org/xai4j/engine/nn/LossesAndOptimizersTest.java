package org.xai4j.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradCheck;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** Loss values and optimizer steps against PyTorch 1.13 (resources/nn/pytorch_reference.py prints the numbers), and gradient checks. */
class LossesAndOptimizersTest {
    private static Tensor p() {
        return Tensor.of(new float[] {0.5f, -1f, 2f, 1.5f, 0.25f, -0.75f}, 2, 3);
    }

    private static Tensor t() {
        return Tensor.of(new float[] {0f, -0.5f, 1f, 2f, 1f, -1f}, 2, 3);
    }

    private static Tensor positive() {
        return Tensor.of(new float[] {0f, 0f, 1f, 1f, 1f, 0f}, 2, 3);
    }

    private static Tensor logVar() {
        return Tensor.of(new float[] {0.1f, -0.2f, 0.3f, 0f, 0.5f, -1f}, 2, 3);
    }

    @Test
    void lossValuesMatchPyTorch() {
        // F.mse_loss(p, t), F.cross_entropy(p, [2, 0]), F.binary_cross_entropy_with_logits(p, t > 0),
        // F.binary_cross_entropy(sigmoid(p), t > 0), F.binary_cross_entropy([0, 1, .5], [1, 0, 1]) (log clamp),
        // mean(0.5 (lv + (t - p)^2 / exp(lv)))
        assertEquals(0.3958333432674408, Losses.mse(p(), t()).item(), 1e-6);
        assertEquals(0.28599196672439575, Losses.crossEntropy(p(), new int[] {2, 0}).item(), 1e-6);
        assertEquals(0.42974841594696045, Losses.binaryCrossEntropyWithLogits(p(), positive()).item(), 1e-6);
        assertEquals(0.42974841594696045, Losses.binaryCrossEntropy(Ops.sigmoid(p()), positive()).item(), 1e-6);
        assertEquals(66.89771270751953, Losses.binaryCrossEntropy(Tensor.of(new float[] {0f, 1f, 0.5f}, 3),
                Tensor.of(new float[] {1f, 0f, 1f}, 3)).item(), 1e-4);
        assertEquals(0.14445368945598602, Losses.gaussianNll(p(), logVar(), t()).item(), 1e-6);
    }

    @Test
    void lossesPassTheGradientCheck() {
        List<Function<Tensor[], Tensor>> losses = List.of(
                x -> Losses.mse(x[0], x[1]),
                x -> Losses.crossEntropy(x[0], new int[] {2, 0}),
                x -> Losses.binaryCrossEntropyWithLogits(x[0], x[1]),
                x -> Losses.binaryCrossEntropy(Ops.sigmoid(x[0]), x[1]),
                x -> Losses.gaussianNll(x[0], x[2], x[1]));
        long seed = 1;
        for (Function<Tensor[], Tensor> f : losses) {
            GradCheck.Result r = GradCheck.check(f, new Tensor[] {p(), positive(), logVar()}, seed++, 1e-2);
            assertTrue(r.relativeError() < 1e-3, "loss " + (seed - 1) + ": " + r);
        }
    }

    /** loss = sum(c w^2) + sum(w), c = (1, 2, 3), three steps from w = (1, -2, 0.5). */
    private static float[] threeSteps(Function<List<Parameter>, Optimizer> make) {
        Parameter w = new Parameter("w", Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        Optimizer opt = make.apply(List.of(w));
        Tensor c = Tensor.of(new float[] {1f, 2f, 3f}, 3);
        for (int i = 0; i < 3; i++) {
            Tensor x = w.value();
            opt.minimize(Ops.add(Ops.sum(Ops.mul(Ops.mul(x, x), c)), Ops.sum(x)));
        }
        return w.data().clone();
    }

    @Test
    void optimizersMatchPyTorchSteps() {
        // torch.optim.SGD(lr=0.1, momentum=0.9); SGD(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01);
        // Adam(lr=0.1); Adam(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)
        assertArrayEquals(new float[] {-0.40700000524520874f, 0.6950000524520874f, -0.7360000014305115f},
                threeSteps(ps -> new Sgd(ps, 0.1f, 0.9f)), 1e-6f);
        assertArrayEquals(new float[] {0.09060481935739517f, -0.23951183259487152f, -0.3221101760864258f},
                threeSteps(ps -> new Sgd(ps, 0.05f, 0.8f, 0f, 0.01f, true)), 1e-6f);
        assertArrayEquals(new float[] {0.7009028196334839f, -1.7007383108139038f, 0.2029705047607422f},
                threeSteps(ps -> new Adam(ps, 0.1f)), 1e-6f);
        assertArrayEquals(new float[] {0.970013439655304f, -1.9700112342834473f, 0.47003066539764404f},
                threeSteps(ps -> new Adam(ps, 0.01f, 0.8f, 0.99f, 1e-6f, 0.1f)), 1e-6f);
    }
}
