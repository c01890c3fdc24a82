package org.xai4j.engine.io.onnx.importer;

import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.UnaryOperator;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/** Elementwise ONNX ops (NumPy broadcasting, as the ONNX spec's "multidirectional broadcasting"). */
final class ElementwiseOps {
    private ElementwiseOps() {}

    static void register(Map<String, OpTranslator> r) {
        binary(r, "Add", Ops::add, Long::sum);
        OpTranslator add = r.get("Add");
        r.put("Add", c -> {
            // a residual sum and the ReLU after it in one pass (float inputs, where the graph allows it)
            if (c.reluFused() && !(c.isInts(0) && c.isInts(1))) {
                c.outputWithRelu(Ops.addRelu(c.in(0), legacyBroadcast(c, c.in(0), c.in(1))));
            } else {
                add.run(c);
            }
        });
        binary(r, "Sub", Ops::sub, (a, b) -> a - b);
        binary(r, "Mul", Ops::mul, (a, b) -> a * b);
        binary(r, "Div", Ops::div, (a, b) -> a / b);
        unary(r, "Neg", Ops::neg);
        unary(r, "Abs", Ops::abs);
        unary(r, "Exp", Ops::exp);
        unary(r, "Log", Ops::log);
        unary(r, "Sqrt", Ops::sqrt);
        unary(r, "Relu", Ops::relu);
        unary(r, "Sigmoid", Ops::sigmoid);
        unary(r, "Tanh", Ops::tanh);
        r.put("LeakyRelu", c -> c.output(0, Ops.leakyRelu(c.in(0), c.node().attrFloat("alpha", 0.01f))));
        r.put("Elu", c -> c.output(0, Ops.elu(c.in(0), c.node().attrFloat("alpha", 1f))));
        r.put("Identity", c -> {
            if (c.isInts(0)) c.outputInts(0, c.ints(0));
            else c.output(0, c.in(0));
        });
        r.put("Clip", ElementwiseOps::clip);
        r.put("Softmax", c -> softmax(c, false));
        r.put("LogSoftmax", c -> softmax(c, true));
    }

    private static void unary(Map<String, OpTranslator> r, String op, UnaryOperator<Tensor> f) {
        r.put(op, c -> c.output(0, f.apply(c.in(0))));
    }

    /** Float inputs go through Ops; two exact integer inputs (shape arithmetic) stay integers. */
    private static void binary(Map<String, OpTranslator> r, String op, BinaryOperator<Tensor> f, LongBinaryOperator g) {
        r.put(op, c -> {
            if (c.isInts(0) && c.isInts(1)) {
                c.outputInts(0, integerBroadcast(c, c.ints(0), c.ints(1), g));
            } else {
                c.output(0, f.apply(c.in(0), legacyBroadcast(c, c.in(0), c.in(1))));
            }
        });
    }

    /**
     * Before opset 7, B broadcast onto A only with broadcast=1, aligned at {@code axis} (default: the
     * trailing axes); B's shape is padded with trailing 1s so NumPy broadcasting does the same thing.
     */
    private static Tensor legacyBroadcast(NodeContext c, Tensor a, Tensor b) {
        if (c.opset() >= 7 || c.node().attrInt("broadcast", 0) == 0 || !c.node().has("axis")) return b;
        int axis = (int) c.node().attrInt("axis", 0);
        if (axis < 0) axis += a.dim();
        int trailing = a.dim() - axis - b.dim();
        if (trailing < 0) throw c.fail("axis " + axis + " leaves no room for B " + NodeContext.str(b) + " in A " + NodeContext.str(a));
        int[] shape = java.util.Arrays.copyOf(b.shape(), b.dim() + trailing);
        java.util.Arrays.fill(shape, b.dim(), shape.length, 1);
        return Ops.reshape(b, shape);
    }

    private static IntValue integerBroadcast(NodeContext c, IntValue a, IntValue b, LongBinaryOperator g) {
        int[] shape = Shape.broadcast(c.node().opType(), a.shape(), b.shape());
        int n = Shape.numel(shape);
        long[] out = new long[n];
        if (a.values().length == 1 || b.values().length == 1 || a.values().length == b.values().length) {
            for (int i = 0; i < n; i++) {
                long x = a.values()[a.values().length == 1 ? 0 : i];
                long y = b.values()[b.values().length == 1 ? 0 : i];
                if (y == 0 && c.node().opType().equals("Div")) throw c.fail("integer division by zero");
                out[i] = g.applyAsLong(x, y);
            }
            return new IntValue(out, shape);
        }
        throw c.fail("integer broadcasting of " + a + " and " + b + " is not supported");
    }

    /** Clip: bounds are attributes before opset 11, optional scalar inputs from 11 on. */
    private static void clip(NodeContext c) {
        float lo = -Float.MAX_VALUE, hi = Float.MAX_VALUE;
        if (c.opset() < 11) {
            lo = c.node().attrFloat("min", lo);
            hi = c.node().attrFloat("max", hi);
        } else {
            if (c.has(1)) lo = scalar(c, 1);
            if (c.has(2)) hi = scalar(c, 2);
        }
        c.output(0, Ops.clip(c.in(0), lo, hi));
    }

    static float scalar(NodeContext c, int i) {
        Tensor t = c.in(i);
        if (t.numel() != 1) throw c.fail("input " + i + " must be a scalar, got shape " + NodeContext.str(t));
        return t.contiguous().toArray()[0];
    }

    /**
     * Before opset 13 (Log)Softmax flattens the input to 2-D at axis (default 1) and normalizes each
     * row; from 13 on it normalizes along the single axis (default -1).
     */
    private static void softmax(NodeContext c, boolean log) {
        Tensor x = c.in(0);
        int r = x.dim();
        if (c.opset() >= 13) {
            int axis = (int) c.node().attrInt("axis", -1);
            c.output(0, log ? Ops.logSoftmax(x, axis) : Ops.softmax(x, axis));
            return;
        }
        int axis = (int) c.node().attrInt("axis", 1);
        if (axis < 0) axis += r;
        if (axis < 0 || axis > r) throw c.fail("axis " + axis + " out of range for input " + NodeContext.str(x));
        int[] s = x.shape();
        int rows = 1;
        for (int i = 0; i < axis; i++) rows *= s[i];
        int cols = Shape.numel(s) / Math.max(1, rows);
        Tensor flat = Ops.reshape(x, rows, cols);
        Tensor y = log ? Ops.logSoftmax(flat, 1) : Ops.softmax(flat, 1);
        c.output(0, Ops.reshape(y, s));
    }
}
