package org.xai4j.engine.ops;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xai4j.engine.autodiff.GradCheck;
import org.xai4j.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every op's backward rule against the random-direction dot-product check, on odd shapes and
 * broadcasting cases. Inputs stay at least 0.1 away from kinks (ReLU at 0, clip bounds, abs).
 */
class OpGradientTest {
    private static final double RTOL = 2e-3;

    private record Case(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {}

    private final List<Case> cases = new ArrayList<>();
    private final Random rnd = new Random(42);

    private Tensor randn(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) rnd.nextGaussian();
        return t;
    }

    /** Values whose magnitude is in [0.1, 1.6], random sign: away from 0. */
    private Tensor awayFromZero(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) ((0.1 + 1.5 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1));
        return t;
    }

    private Tensor positive(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (0.5 + 1.5 * rnd.nextDouble());
        return t;
    }

    /** Distinct values, so max has no ties. */
    private Tensor distinct(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < d.length; i++) perm.add(i);
        java.util.Collections.shuffle(perm, rnd);
        for (int i = 0; i < d.length; i++) d[i] = perm.get(i) * 0.37f - d.length * 0.1f;
        return t;
    }

    private void add(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        cases.add(new Case(name, f, inputs));
    }

    private void build() {
        add("add", x -> Ops.add(x[0], x[1]), randn(3, 5), randn(3, 5));
        add("add broadcast row", x -> Ops.add(x[0], x[1]), randn(3, 5), randn(5));
        add("add broadcast both", x -> Ops.add(x[0], x[1]), randn(3, 1, 4), randn(2, 1));
        add("sub broadcast", x -> Ops.sub(x[0], x[1]), randn(2, 3, 1), randn(1, 5));
        add("mul broadcast", x -> Ops.mul(x[0], x[1]), randn(4, 1, 3), randn(5, 1));
        add("mul scalar tensor", x -> Ops.mul(x[0], x[1]), randn(3, 7), randn());
        add("div broadcast", x -> Ops.div(x[0], x[1]), randn(3, 5), positive(3, 1));
        add("pow tensor", x -> Ops.pow(x[0], x[1]), positive(2, 3), randn(3));
        add("neg", x -> Ops.neg(x[0]), randn(7));
        add("exp", x -> Ops.exp(x[0]), randn(2, 3, 5));
        add("log", x -> Ops.log(x[0]), positive(3, 4));
        add("sqrt", x -> Ops.sqrt(x[0]), positive(5, 3));
        add("abs", x -> Ops.abs(x[0]), awayFromZero(4, 3));
        add("pow scalar 3", x -> Ops.pow(x[0], 3f), randn(5));
        add("pow scalar 2", x -> Ops.pow(x[0], 2f), randn(2, 3));
        add("pow scalar -0.5", x -> Ops.pow(x[0], -0.5f), positive(6));
        add("affine", x -> Ops.affine(x[0], -1.5f, 2f), randn(3, 3));
        add("clip", x -> Ops.clip(Ops.scale(x[0], 1f), -0.05f, 0.05f), awayFromZero(9));
        add("relu", x -> Ops.relu(x[0]), awayFromZero(3, 7));
        add("leaky relu", x -> Ops.leakyRelu(x[0], 0.1f), awayFromZero(11));
        add("elu", x -> Ops.elu(x[0], 0.7f), awayFromZero(2, 5));
        add("sigmoid", x -> Ops.sigmoid(x[0]), randn(3, 5));
        add("tanh", x -> Ops.tanh(x[0]), randn(4, 2));
        add("softmax last axis", x -> Ops.softmax(x[0], -1), randn(3, 5));
        add("softmax axis 1 of 3", x -> Ops.softmax(x[0], 1), randn(2, 4, 3));
        add("log-softmax", x -> Ops.logSoftmax(x[0], 1), randn(3, 6));
        add("matmul", x -> Ops.matmul(x[0], x[1]), randn(3, 5), randn(5, 4));
        add("matmul transA", x -> Ops.matmul(x[0], x[1], true, false), randn(5, 3), randn(5, 4));
        add("matmul transB", x -> Ops.matmul(x[0], x[1], false, true), randn(3, 5), randn(4, 5));
        add("matmul both", x -> Ops.matmul(x[0], x[1], true, true), randn(5, 3), randn(4, 5));
        add("matmul batched broadcast", x -> Ops.matmul(x[0], x[1]), randn(2, 3, 5), randn(5, 2));
        add("matmul batched both", x -> Ops.matmul(x[0], x[1]), randn(2, 1, 3, 4), randn(3, 4, 2));
        add("matmul vector", x -> Ops.matmul(x[0], x[1]), randn(3, 4), randn(4));
        add("linear", x -> Ops.linear(x[0], x[1], x[2]), randn(3, 5), randn(4, 5), randn(4));
        add("gemm alpha beta trans", x -> Ops.gemm(x[0], x[1], x[2], 0.5f, 2f, true, false), randn(5, 3), randn(5, 4), randn(1, 4));
        add("reshape", x -> Ops.mul(Ops.reshape(x[0], 5, -1), x[1]), randn(3, 10), randn(5, 6));
        add("flatten", x -> Ops.flatten(Ops.mul(x[0], x[0]), 1), randn(2, 3, 4));
        add("transpose", x -> Ops.mul(Ops.transpose(x[0], 0, 2), x[1]), randn(2, 3, 4), randn(4, 3, 2));
        add("permute then reshape", x -> Ops.reshape(Ops.permute(x[0], 2, 0, 1), -1), randn(2, 3, 4));
        add("squeeze unsqueeze", x -> Ops.unsqueeze(Ops.squeeze(Ops.exp(x[0]), 1), 0), randn(3, 1, 4));
        add("slice step", x -> Ops.slice(x[0], 1, 1, 7, 2), randn(3, 8));
        add("slice negative", x -> Ops.slice(x[0], 0, -3, Integer.MAX_VALUE, 1), randn(5, 2));
        add("expand", x -> Ops.mul(Ops.expand(x[0], 2, 3, 4), x[1]), randn(3, 1), randn(2, 3, 4));
        add("concat", x -> Ops.concat(1, x[0], x[1], x[2]), randn(2, 1, 3), randn(2, 4, 3), randn(2, 2, 3));
        add("pad constant", x -> Ops.pad(x[0], new int[] {0, 1, 2}, new int[] {1, 0, 3}, PadOp.Mode.CONSTANT, 0.5f), randn(2, 3, 4));
        add("pad reflect", x -> Ops.pad(x[0], new int[] {0, 2}, new int[] {0, 1}, PadOp.Mode.REFLECT, 0f), randn(2, 5));
        add("pad edge crop", x -> Ops.pad(x[0], new int[] {-1, 2}, new int[] {0, 1}, PadOp.Mode.EDGE, 0f), randn(3, 4));
        add("sum all", x -> Ops.sum(Ops.mul(x[0], x[0])), randn(3, 4));
        add("sum axes keep", x -> Ops.sum(x[0], true, 0, 2), randn(3, 4, 5));
        add("sum middle", x -> Ops.sum(x[0], false, 1), randn(2, 3, 4));
        add("mean axes", x -> Ops.mean(x[0], false, -1, 0), randn(3, 2, 5));
        add("max axis", x -> Ops.max(x[0], false, 1), distinct(3, 5, 2));
        add("max all", x -> Ops.max(x[0], false), distinct(4, 3));
        add("gather", x -> Ops.gather(x[0], 1, new int[] {2, 0, 1, 1, 0, 3}, new int[] {3, 2}), randn(3, 4));
        add("pick targets", x -> Ops.pickTargets(x[0], new int[] {1, 0, 2}), randn(3, 3));
        add("batch norm", x -> Ops.batchNorm(x[0], Tensor.of(new float[] {1.5f, -0.5f, 2f}, 3), Tensor.of(new float[] {0.1f, 0.2f, -0.3f}, 3),
                Tensor.of(new float[] {0.3f, -0.1f, 0f}, 3), Tensor.of(new float[] {1.2f, 0.5f, 2f}, 3), 1e-5f), randn(2, 3, 2, 3));
        add("conv2d stride pad dilation", x -> Ops.conv(x[0], x[1], x[2], new int[] {2, 1}, new int[] {1, 0}, new int[] {0, 2},
                new int[] {1, 2}, 1), randn(2, 3, 7, 6), randn(4, 3, 3, 2), randn(4));
        add("conv2d groups", x -> Ops.conv(x[0], x[1], null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 2), randn(3, 4, 5, 5), randn(6, 2, 3, 3));
        add("conv2d depthwise", x -> Ops.conv(x[0], x[1], x[2], new int[] {1, 2}, new int[] {0, 1}, new int[] {1, 1},
                new int[] {1, 1}, 3), randn(1, 3, 4, 6), randn(3, 1, 2, 3), randn(3));
        // stride 1, one group: the input gradient runs as a convolution with flipped weights
        add("conv2d stride 1 asymmetric pads", x -> Ops.conv(x[0], x[1], x[2], new int[] {1, 1}, new int[] {2, 0}, new int[] {0, 1},
                new int[] {1, 1}, 1), randn(2, 3, 5, 6), randn(4, 3, 3, 2), randn(4));
        add("conv1d stride 1 same", x -> Ops.conv(x[0], x[1], null, new int[] {1}, new int[] {2}, new int[] {2}, new int[] {1}, 1),
                randn(3, 2, 9), randn(3, 2, 5));
        add("conv1d", x -> Ops.conv(x[0], x[1], x[2], new int[] {2}, new int[] {4}, new int[] {3}, new int[] {1}, 1),
                randn(2, 4, 11), randn(5, 4, 9), randn(5));
        add("max pool 2d ceil pad", x -> Ops.maxPool(x[0], new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 0}, new int[] {1, 1},
                new int[] {1, 1}, true), distinct(2, 2, 7, 5));
        add("max pool 1d dilated", x -> Ops.maxPool(x[0], new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1},
                new int[] {2}, false), distinct(2, 3, 10));
        add("avg pool include pad", x -> Ops.avgPool(x[0], new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1},
                true, true), randn(2, 2, 6, 5));
        add("avg pool exclude pad 1d", x -> Ops.avgPool(x[0], new int[] {4}, new int[] {3}, new int[] {2}, new int[] {1},
                false, false), randn(2, 3, 9));
        add("global avg pool", x -> Ops.globalAvgPool(x[0]), randn(2, 3, 4, 5));
        add("global max pool", x -> Ops.globalMaxPool(x[0]), distinct(2, 3, 7));
        add("dropout", x -> Ops.dropout(x[0], 0.3f, true, 7L, 1L), randn(4, 5));
        add("composite mlp", x -> Ops.logSoftmax(Ops.linear(Ops.tanh(Ops.linear(x[0], x[1], null)), x[2], null), 1),
                randn(4, 3), randn(5, 3), randn(2, 5));
        add("reused input", x -> Ops.mul(Ops.exp(x[0]), Ops.tanh(x[0])), randn(6));
    }

    @TestFactory
    List<DynamicTest> everyOpPassesTheDotProductCheck() {
        build();
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 1;
        for (Case c : cases) {
            long s = seed++;
            tests.add(DynamicTest.dynamicTest(c.name, () -> {
                GradCheck.Result r = GradCheck.check(c.f, c.inputs, s, 1e-2);
                assertTrue(r.relativeError() < RTOL,
                        c.name + ": analytic " + r.analytic() + " vs numeric " + r.numeric() + " (rel " + r.relativeError() + ")");
            }));
        }
        return tests;
    }
}
