package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

class SaliencyTest {
    /** Captum BasicModel: f(x) = 1 - ReLU(1 - x), ReLU'(0) = 0. */
    static final FunctionModel BASIC = new FunctionModel((x, named) -> Ops.affine(Ops.relu(Ops.affine(x, -1f, 1f)), -1f, 1f));

    @Test
    void captumBasicModelKnownAnswer() {
        // captum tests/attr/test_saliency.py: x = [1, 2, 3, 0, -1, 7] -> [0, 0, 0, 1, 1, 0]
        Tensor x = Tensor.of(new float[] {1, 2, 3, 0, -1, 7}, 6, 1);
        Tensor got = new Saliency().attribute(BASIC, x, new int[] {0});
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0}, got.toArray());
    }

    @Test
    void noAbsKeepsTheSign() {
        // f = -3 x0 + 2 x1: gradient (-3, 2); |.| = (3, 2)
        FunctionModel lin = new FunctionModel((x, n) -> Ops.matmul(x, Tensor.of(new float[] {-3, 2}, 2, 1)));
        Tensor x = Tensor.of(new float[] {1, 1, 5, -2}, 2, 2);
        assertArrayEquals(new float[] {3, 2, 3, 2}, new Saliency().attribute(lin, x, null).toArray());
        Saliency signed = new Saliency(Saliency.Options.defaults().withAbs(false));
        assertArrayEquals(new float[] {-3, 2, -3, 2}, signed.attribute(lin, x, null).toArray());
        assertArrayEquals(new float[] {-3, 2, -15, -4}, new InputXGradient().attribute(lin, x, null).toArray());
    }

    @Test
    void captumFixtures() {
        for (String m : new String[] {"iris_mlp", "dna_cnn", "image_cnn"}) {
            OnnxGraphModel model = Fixtures.model(m);
            Tensor x = Fixtures.tensor(m, "input.npy");
            int[] t = Fixtures.targets(m);
            Fixtures.assertClose(m + " predict", model.forward(x), Fixtures.tensor(m, "expected_predict.npy"));
            Fixtures.assertClose(m + " saliency", new Saliency().attribute(model, x, t), Fixtures.tensor(m, "expected_saliency.npy"));
            if (!m.equals("image_cnn")) {
                Fixtures.assertClose(m + " input_x_gradient", new InputXGradient().attribute(model, x, t),
                        Fixtures.tensor(m, "expected_input_x_gradient.npy"));
            }
        }
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        OnnxGraphModel model = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        float[] whole = new Saliency(new Saliency.Options(true, 2)).attribute(model, x, null).toArray();
        float[] single = new Saliency(new Saliency.Options(true, 1)).attribute(model, x, null).toArray();
        assertArrayEquals(whole, single);
        float[] a = new InputXGradient(new InputXGradient.Options(1)).attribute(Fixtures.model("iris_mlp"), Fixtures.tensor("iris_mlp", "input.npy"), null).toArray();
        float[] b = new InputXGradient(new InputXGradient.Options(4)).attribute(Fixtures.model("iris_mlp"), Fixtures.tensor("iris_mlp", "input.npy"), null).toArray();
        assertArrayEquals(a, b);
    }
}
