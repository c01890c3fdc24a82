package org.xai4j.explain.gradient;

import java.util.function.UnaryOperator;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * Captum's BasicModel_ConvNet_One_Conv (closed-form.md §0): 1×1×4×4 input; conv1 2 filters 3×3 of ones,
 * bias [−50, −75]; ReLU ("relu1"); flatten; fc1 W = [ones(4,5) | −ones(4,3)], b = 0; ReLU. The conv output
 * is named "conv1".
 */
final class ConvNetOneConv {
    private ConvNetOneConv() {}

    static final Tensor X = arange16();

    static Tensor arange16() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) v[i] = i;
        return Tensor.of(v, 1, 1, 4, 4);
    }

    /** The model with the given ReLU applied at both nodes (a fresh op per call, or one shared op object). */
    static FunctionModel model(UnaryOperator<Tensor> relu) {
        Tensor w = Tensor.ones(2, 1, 3, 3);
        Tensor b = Tensor.of(new float[] {-50, -75}, 2);
        float[] fc = new float[32];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 8; c++) fc[r * 8 + c] = c < 5 ? 1 : -1;
        Tensor fw = Tensor.of(fc, 4, 8);
        return new FunctionModel((x, n) -> {
            int[] one = {1, 1}, zero = {0, 0};
            Tensor conv = Ops.conv(x, w, b, one, zero, zero, one, 1);
            n.put("conv1", conv);
            Tensor r1 = relu.apply(conv);
            n.put("relu1", r1);
            return relu.apply(Ops.linear(Ops.flatten(r1, 1), fw, null));
        });
    }

    static FunctionModel model() {
        return model(Ops::relu);
    }
}
