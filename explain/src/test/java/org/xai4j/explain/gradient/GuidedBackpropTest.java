package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

class GuidedBackpropTest {
    static final float[] GUIDED = {0, 1, 1, 1, 1, 3, 3, 2, 1, 3, 3, 2, 1, 2, 2, 1};
    static final float[] DECONV = {2, 3, 3, 1, 3, 5, 5, 2, 3, 5, 5, 2, 1, 2, 2, 1};

    @Test
    void captumConvNetKnownAnswers() {
        // captum tests/attr/test_guided_backprop.py and test_deconvolution.py, x = arange(16)
        assertArrayEquals(GUIDED, new GuidedBackprop().attribute(ConvNetOneConv.model(), ConvNetOneConv.X, new int[] {0}).toArray());
        assertArrayEquals(DECONV, new Deconvolution().attribute(ConvNetOneConv.model(), ConvNetOneConv.X, new int[] {0}).toArray());
    }

    @Test
    void oneReluOpObjectAppliedAtTwoNodes() {
        // The same Op instance (one "module") runs at both ReLU nodes; the override is looked up per
        // recorded node, so both nodes get the modified rule (Captum's module hooks can't promise this).
        Op shared = Ops.relu(Tensor.zeros(1).requiresGrad(true)).gradFn().op();
        FunctionModel reused = ConvNetOneConv.model(t -> shared.apply(t));
        assertArrayEquals(GUIDED, new GuidedBackprop().attribute(reused, ConvNetOneConv.X, new int[] {0}).toArray());
        assertArrayEquals(DECONV, new Deconvolution().attribute(reused, ConvNetOneConv.X, new int[] {0}).toArray());
        // and the plain gradient is unchanged outside the scope
        float[] plain = new Saliency(Saliency.Options.defaults().withAbs(false)).attribute(reused, ConvNetOneConv.X, new int[] {0}).toArray();
        // by hand: conv position (0,1) passes +1 (channel 0) and 0 (channel 1 inactive); (1,0) and (1,1)
        // pass +1 - 1; (0,0) nothing. So the gradient is 1 on the 3×3 window at (0,1) and 0 elsewhere.
        assertArrayEquals(new float[] {0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0}, plain);
    }

    @Test
    void captumFixtures() {
        OnnxGraphModel iris = Fixtures.model("iris_mlp");
        Fixtures.assertClose("iris_mlp guided_backprop", new GuidedBackprop().attribute(iris, Fixtures.tensor("iris_mlp", "input.npy"), Fixtures.targets("iris_mlp")),
                Fixtures.tensor("iris_mlp", "expected_guided_backprop.npy"));
        OnnxGraphModel img = Fixtures.model("image_cnn");
        Tensor x = Fixtures.tensor("image_cnn", "input.npy");
        int[] t = Fixtures.targets("image_cnn");
        Fixtures.assertClose("image_cnn guided_backprop", new GuidedBackprop().attribute(img, x, t), Fixtures.tensor("image_cnn", "expected_guided_backprop.npy"));
        Fixtures.assertClose("image_cnn deconvolution", new Deconvolution().attribute(img, x, t), Fixtures.tensor("image_cnn", "expected_deconvolution.npy"));
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        OnnxGraphModel iris = Fixtures.model("iris_mlp");
        Tensor x = Fixtures.tensor("iris_mlp", "input.npy");
        float[] a = new GuidedBackprop(new GuidedBackprop.Options(1)).attribute(iris, x, null).toArray();
        assertArrayEquals(a, new GuidedBackprop(new GuidedBackprop.Options(4)).attribute(iris, x, null).toArray());
        float[] d = new Deconvolution(new Deconvolution.Options(1)).attribute(iris, x, null).toArray();
        assertArrayEquals(d, new Deconvolution(new Deconvolution.Options(6)).attribute(iris, x, null).toArray());
    }
}
