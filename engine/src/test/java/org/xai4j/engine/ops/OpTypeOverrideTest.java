package org.xai4j.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.BackwardRule;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

/**
 * Backward-rule overrides are keyed by {@link OpType}: every primitive records its own type on the tape, an
 * override of each type replaces exactly that node's rule, and a name that is no op is refused at once.
 */
class OpTypeOverrideTest {
    /** Every primitive applied to x (its input 0, requiring grad) as the last op, so x's gradient is that node's rule's. */
    private static Map<OpType, UnaryOperator<Tensor>> applications() {
        Map<OpType, UnaryOperator<Tensor>> m = new EnumMap<>(OpType.class);
        Tensor c = Tensor.of(new float[] {0.5f, 2f, 1.5f, 3f}, 2, 2);
        m.put(OpType.ADD, x -> Ops.add(x, c));
        m.put(OpType.SUB, x -> Ops.sub(x, c));
        m.put(OpType.MUL, x -> Ops.mul(x, c));
        m.put(OpType.DIV, x -> Ops.div(x, c));
        m.put(OpType.POW, x -> Ops.pow(x, c));
        m.put(OpType.NEG, Ops::neg);
        m.put(OpType.EXP, Ops::exp);
        m.put(OpType.LOG, Ops::log);
        m.put(OpType.SQRT, Ops::sqrt);
        m.put(OpType.ABS, Ops::abs);
        m.put(OpType.POW_SCALAR, x -> Ops.pow(x, 3f));
        m.put(OpType.AFFINE, x -> Ops.affine(x, 2f, 1f));
        m.put(OpType.CLIP, x -> Ops.clip(x, 0.2f, 0.8f));
        m.put(OpType.RELU, Ops::relu);
        m.put(OpType.LEAKY_RELU, x -> Ops.leakyRelu(x, 0.1f));
        m.put(OpType.ELU, x -> Ops.elu(x, 1f));
        m.put(OpType.SIGMOID, Ops::sigmoid);
        m.put(OpType.TANH, Ops::tanh);
        m.put(OpType.SOFTMAX, x -> Ops.softmax(x, 1));
        m.put(OpType.LOG_SOFTMAX, x -> Ops.logSoftmax(x, 1));
        m.put(OpType.MAT_MUL, x -> Ops.matmul(x, c));
        m.put(OpType.CONV, x -> Ops.conv(Ops.reshape(x, 1, 1, 2, 2), Tensor.full(1f, 1, 1, 1, 1), null,
                new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 1));
        m.put(OpType.MAX_POOL, x -> Ops.maxPool(Ops.reshape(x, 1, 1, 2, 2), new int[] {2, 2}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, false));
        m.put(OpType.AVERAGE_POOL, x -> Ops.avgPool(Ops.reshape(x, 1, 1, 2, 2), new int[] {2, 2}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {0, 0}, false, false));
        m.put(OpType.REDUCE_SUM, x -> Ops.sum(x, false, 1));
        m.put(OpType.REDUCE_MEAN, x -> Ops.mean(x, false, 1));
        m.put(OpType.REDUCE_MAX, x -> Ops.max(x, false, 1));
        m.put(OpType.REDUCE_MIN, x -> new ReduceOps.Reduce(ReduceKind.MIN, new int[] {1}, false).apply(x));
        m.put(OpType.RESHAPE, x -> Ops.reshape(x, 4));
        m.put(OpType.TRANSPOSE, x -> Ops.permute(x, 1, 0));
        m.put(OpType.SLICE, x -> Ops.slice(x, 1, 0, 1, 1));
        m.put(OpType.EXPAND, x -> Ops.expand(x, 3, 2, 2));
        m.put(OpType.IDENTITY, x -> new ShapeOps.Contiguous().apply(x));
        m.put(OpType.CONCAT, x -> Ops.concat(0, x, c));
        m.put(OpType.PAD, x -> Ops.pad(x, new int[] {0, 1}, new int[] {0, 1}, PadOp.Mode.CONSTANT, 0f));
        m.put(OpType.GATHER_ELEMENTS, x -> Ops.gather(x, 1, new int[] {1, 0}, new int[] {2, 1}));
        m.put(OpType.DROPOUT, x -> Ops.dropout(x, 0.5f, true, 7L, 0L));
        return m;
    }

    /** A rule no op has: 7 for every input that needs a gradient. */
    private static final BackwardRule SEVENS = (node, g, needs) -> {
        Tensor[] out = new Tensor[node.inputCount()];
        for (int i = 0; i < out.length; i++) if (needs[i]) out[i] = Tensor.full(7f, node.input(i).shape());
        return out;
    };

    @Test
    void everyPrimitiveRecordsItsTypeAndItsOverrideReplacesExactlyThatRule() {
        Map<OpType, UnaryOperator<Tensor>> apps = applications();
        assertEquals(EnumSet.allOf(OpType.class), apps.keySet(), "a primitive without a case here");
        float[] sevens = {7, 7, 7, 7};
        for (Map.Entry<OpType, UnaryOperator<Tensor>> e : apps.entrySet()) {
            OpType type = e.getKey();
            Tensor x = Tensor.of(new float[] {0.3f, 0.6f, 0.9f, 0.4f}, 2, 2).requiresGrad(true);
            Tensor y = e.getValue().apply(x);
            assertEquals(type, y.gradFn().type(), "recorded type");
            assertEquals(type.opName(), y.gradFn().op().name());
            float[] plain = Gradients.gradOfSum(y, x)[0].toArray();
            try (GradMode.Scope s = Gradients.override(type, SEVENS)) {
                assertArrayEquals(sevens, Gradients.gradOfSum(y, x)[0].toArray(), type + " under its override");
            }
            // any other type's override leaves it alone, and the scope's end restores the op's own rule
            OpType other = type == OpType.ADD ? OpType.SUB : OpType.ADD;
            try (GradMode.Scope s = Gradients.override(other, SEVENS)) {
                assertArrayEquals(plain, Gradients.gradOfSum(y, x)[0].toArray(), type + " under " + other + "'s override");
            }
            assertArrayEquals(plain, Gradients.gradOfSum(y, x)[0].toArray(), type + " after the scope");
        }
    }

    @Test
    void aNameThatIsNoOpIsRefusedAtOnceWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gradients.override("MaxPol", SEVENS));
        String m = e.getMessage();
        assertTrue(m.contains("'MaxPol'") && m.contains("MaxPool") && m.contains("Relu") && m.contains("MatMul"), m);
        // nothing was installed: ReLU and MaxPool keep their own rules
        Tensor x = Tensor.of(new float[] {-1f, 2f}, 1, 2).requiresGrad(true);
        assertArrayEquals(new float[] {0f, 1f}, Gradients.gradOfSum(Ops.relu(x), x)[0].toArray());
        assertThrows(IllegalArgumentException.class, () -> Gradients.override((OpType) null, SEVENS));
    }

    @Test
    void namesAtRunTimeResolveToTheirType() {
        assertEquals(OpType.MAX_POOL, OpType.named("MaxPool"));
        assertEquals(OpType.MAX_POOL, OpType.named("maxpool"));
        assertEquals(OpType.MAX_POOL, OpType.named("MAX_POOL"));
        Tensor x = Tensor.of(new float[] {-1f, 2f}, 1, 2).requiresGrad(true);
        try (GradMode.Scope s = Gradients.override("Relu", SEVENS)) {
            assertArrayEquals(new float[] {7f, 7f}, Gradients.gradOfSum(Ops.relu(x), x)[0].toArray());
        }
    }

    @Test
    void aNonContiguousLeafIsCopiedByTheIdentityPrimitive() {
        // the IDENTITY case above runs on a contiguous x; Ops.contiguous records it only for a strided view
        Tensor base = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor view = Views.of(base, 0, new int[] {2, 2}, new int[] {1, 2}).requiresGrad(true);
        Tensor y = Ops.contiguous(view);
        assertEquals(OpType.IDENTITY, y.gradFn().type());
        assertArrayEquals(new float[] {1, 3, 2, 4}, y.toArray());
    }
}
