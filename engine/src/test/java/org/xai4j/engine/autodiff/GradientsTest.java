package org.xai4j.engine.autodiff;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientsTest {

    @Test
    void reluGradientAtZeroIsZeroAsPyTorch() {
        // Captum BasicModel f(x) = 1 - relu(1 - x): saliency at x = [1,2,3,0,-1,7] is [0,0,0,1,1,0]
        Tensor x = Tensor.of(new float[] {1, 2, 3, 0, -1, 7}, 6).requiresGrad(true);
        Tensor y = Ops.affine(Ops.relu(Ops.affine(x, -1f, 1f)), -1f, 1f);
        Tensor g = Gradients.gradOfSum(y, x)[0];
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0}, Ops.abs(g).toArray());
    }

    @Test
    void gradientWithRespectToAnIntermediateActivation() {
        // h = 2x; y = sum(h^2) -> dy/dh = 2h = 4x, dy/dx = 8x
        Tensor x = Tensor.of(new float[] {1, -2, 3}, 3).requiresGrad(true);
        Tensor h = Ops.scale(x, 2f);
        Tensor y = Ops.sum(Ops.mul(h, h));
        Tensor[] g = Gradients.gradOfSum(y, h, x);
        assertArrayEquals(new float[] {4, -8, 12}, g[0].toArray());
        assertArrayEquals(new float[] {8, -16, 24}, g[1].toArray());
    }

    @Test
    void seedSelectsOneOutputPerRow() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {1, 10, 100, 1000}, 2, 2);
        Tensor y = Ops.matmul(x, w); // y[r][c] = sum_k x[r][k] w[k][c]
        Tensor seed = Gradients.oneHotSeed(y.shape(), new int[] {1, 0});
        Tensor g = Gradients.grad(y, seed, x)[0];
        // row 0 picks column 1: d/dx = w[:,1] = [10, 1000]; row 1 picks column 0: [1, 100]
        assertArrayEquals(new float[] {10, 1000, 1, 100}, g.toArray());
    }

    @Test
    void reusedTensorAccumulatesGradients() {
        Tensor x = Tensor.of(new float[] {3}, 1).requiresGrad(true);
        Tensor y = Ops.add(Ops.mul(x, x), Ops.add(x, x)); // x^2 + 2x -> 2x + 2 = 8
        assertEquals(8f, Gradients.gradOfSum(y, x)[0].item());
    }

    @Test
    void unusedInputGetsZeros() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor z = Tensor.of(new float[] {5, 6, 7}, 3).requiresGrad(true);
        Tensor[] g = Gradients.gradOfSum(Ops.sum(x), x, z);
        assertArrayEquals(new float[] {0, 0, 0}, g[1].toArray());
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor y = Ops.exp(x);
            assertNull(y.gradFn());
        }
        assertTrue(Ops.exp(x).gradFn() != null);
    }

    @Test
    void scopedOverrideReplacesTheRuleForEveryUseAndOnlyInsideTheScope() {
        // guided-backprop rule: pass only positive gradients, and only where the input was positive
        BackwardRule guided = (node, g, needs) -> new Tensor[] {Ops.mul(Ops.relu(g), stepOf(node.input(0)))};
        Tensor x = Tensor.of(new float[] {1, -1, 2}, 3).requiresGrad(true);
        // y = sum(relu(-0.5 * relu(x)) + relu(x)): the upstream gradient into the first relu mixes signs
        Tensor y = Ops.sum(Ops.add(Ops.relu(Ops.scale(Ops.relu(x), -0.5f)), Ops.relu(x)));
        assertArrayEquals(new float[] {1, 0, 1}, Gradients.gradOfSum(y, x)[0].toArray());
        Tensor z = Ops.sum(Ops.relu(Ops.scale(Ops.relu(x), -0.5f)));
        try (GradMode.Scope s = Gradients.override(OpType.RELU, guided)) {
            // outer relu input is negative -> guided passes nothing
            assertArrayEquals(new float[] {0, 0, 0}, Gradients.gradOfSum(z, x)[0].toArray());
            Tensor w = Ops.sum(Ops.scale(Ops.relu(Ops.scale(Ops.relu(x), -0.5f)), 1f));
            Tensor v = Ops.sum(Ops.scale(Ops.relu(x), -1f)); // plain rule would give [-1, 0, -1]
            assertArrayEquals(new float[] {0, 0, 0}, Gradients.gradOfSum(v, x)[0].toArray());
            assertArrayEquals(new float[] {0, 0, 0}, Gradients.gradOfSum(w, x)[0].toArray());
        }
        Tensor v = Ops.sum(Ops.scale(Ops.relu(x), -1f));
        assertArrayEquals(new float[] {-1, 0, -1}, Gradients.gradOfSum(v, x)[0].toArray());
    }

    private static Tensor stepOf(Tensor x) {
        float[] d = x.toArray();
        for (int i = 0; i < d.length; i++) d[i] = d[i] > 0 ? 1f : 0f;
        return Tensor.of(d, x.shape());
    }

    @Test
    void overridesNestAndRestore() {
        Tensor x = Tensor.of(new float[] {-2, 3}, 2).requiresGrad(true);
        BackwardRule ones = (node, g, needs) -> new Tensor[] {g};
        BackwardRule twos = (node, g, needs) -> new Tensor[] {Ops.scale(g, 2f)};
        try (GradMode.Scope a = Gradients.override(OpType.RELU, ones)) {
            try (GradMode.Scope b = Gradients.override(OpType.RELU, twos)) {
                assertArrayEquals(new float[] {2, 2}, Gradients.gradOfSum(Ops.sum(Ops.relu(x)), x)[0].toArray());
            }
            assertArrayEquals(new float[] {1, 1}, Gradients.gradOfSum(Ops.sum(Ops.relu(x)), x)[0].toArray());
        }
        assertArrayEquals(new float[] {0, 1}, Gradients.gradOfSum(Ops.sum(Ops.relu(x)), x)[0].toArray());
    }

    @Test
    void missingRuleIsLoudAndNamesTheOp() {
        Op noRule = new Op() {
            public OpType type() { return OpType.ABS; }
            protected Tensor forward(Tensor[] in, Saved s) { return Ops.exp(in[0]).detach(); }
            public Tensor[] vjp(Node n, Tensor g, boolean[] needs) { return new Tensor[] {null}; }
        };
        Tensor x = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor y = noRule.apply(x);
        Exception e = assertThrows(UnsupportedOperationException.class, () -> Gradients.gradOfSum(y, x));
        assertTrue(e.getMessage().contains("gradient of Abs"), e.getMessage());
    }

    @Test
    void onlyTheNeededInputsAreDifferentiated() {
        int[] calls = {0};
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = Ops.matmul(x, w);
        BackwardRule spy = (node, g, needs) -> {
            calls[0]++;
            assertTrue(needs[0] && !needs[1], "weight gradient must not be requested");
            return node.op().vjp(node, g, needs);
        };
        try (GradMode.Scope s = Gradients.override(OpType.MAT_MUL, spy)) {
            assertArrayEquals(new float[] {3, 7}, Gradients.gradOfSum(Ops.sum(y), x)[0].toArray());
        }
        assertEquals(1, calls[0]);
    }
}
