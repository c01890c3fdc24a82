package org.xai4j.explain.testing;

import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** The models of closed-form.md §0 (from captum/testing/helpers/basic_models.py), built from Ops. */
public final class ClosedFormModels {
    private ClosedFormModels() {}

    /** BasicModel_MultiLayer (3→3→4→2): lin0 = I, lin1 = ones(4,3) + [−10,1,1,1], ReLU, lin2 = ones(2,4) + [−1,1]. */
    public static FunctionModel multiLayer() {
        Tensor w0 = Tensor.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        Tensor b0 = Tensor.zeros(3);
        Tensor w1 = Tensor.ones(4, 3);
        Tensor b1 = Tensor.of(new float[] {-10, 1, 1, 1}, 4);
        Tensor w2 = Tensor.ones(2, 4);
        Tensor b2 = Tensor.of(new float[] {-1, 1}, 2);
        return new FunctionModel(x -> Ops.linear(Ops.relu(Ops.linear(Ops.linear(x, w0, b0), w1, b1)), w2, b2));
    }

    /**
     * BasicModel_ConvNet_One_Conv with its second input fixed to ones (added to x before conv1): conv1
     * (1→2, 3×3, weights 1, bias [−50, −75]), ReLU, flatten, fc1 = [ones(4,5) | −ones(4,3)], ReLU.
     */
    public static FunctionModel convNetOneConvPlusOnes() {
        Tensor w = Tensor.ones(2, 1, 3, 3);
        Tensor bias = Tensor.of(new float[] {-50, -75}, 2);
        float[] fc = new float[32];
        for (int o = 0; o < 4; o++) for (int i = 0; i < 8; i++) fc[o * 8 + i] = i < 5 ? 1 : -1;
        Tensor fcW = Tensor.of(fc, 4, 8);
        return new FunctionModel(x -> {
            Tensor h = Ops.relu(Ops.conv(Ops.addScalar(x, 1f), w, bias, new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0},
                    new int[] {1, 1}, 1));
            return Ops.relu(Ops.linear(Ops.flatten(h, 1), fcW, null));
        });
    }

    /** f(x) = x · w + b for a (N, F) input, one output column. */
    public static FunctionModel linear(float[] w, float b) {
        Tensor wt = Tensor.of(w.clone(), 1, w.length);
        Tensor bt = Tensor.of(new float[] {b}, 1);
        return new FunctionModel(x -> Ops.linear(x, wt, bt));
    }

    /** The row-major values 0, 1, ..., n−1 as a tensor of the given shape. */
    public static Tensor arange(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return Tensor.of(v, shape);
    }
}
