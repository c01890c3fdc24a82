package org.xai4j.engine.io.onnx;

import static org.xai4j.engine.io.onnx.ModelSpec.Attr;
import static org.xai4j.engine.io.onnx.ModelSpec.Init;
import static org.xai4j.engine.io.onnx.ModelSpec.Node;
import static org.xai4j.engine.io.onnx.ModelSpec.Value;

import java.util.List;

/**
 * One small valid model per supported op (opset 13): input "x" of shape (batch, 2, 4, 4), output "y",
 * and the op under test as the node named "target" with its usual attributes set, so that a mutation
 * changes exactly one thing of a model known to load and run.
 */
final class OpModels {
    static final long BATCH = Long.MIN_VALUE;
    static final int[] INPUT_SHAPE = {1, 2, 4, 4};

    private OpModels() {}

    static final List<String> OPS = List.of("Abs", "Add", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat", "Constant",
            "Conv", "Div", "Dropout", "Elu", "Exp", "Flatten", "Gather", "Gemm", "GlobalAveragePool", "GlobalMaxPool", "Identity",
            "LeakyRelu", "Log", "LogSoftmax", "MatMul", "MaxPool", "Mul", "Neg", "Pad", "ReduceMean", "ReduceSum", "Relu", "Reshape",
            "Shape", "Sigmoid", "Softmax", "Sqrt", "Squeeze", "Sub", "Tanh", "Transpose", "Unsqueeze");

    /** The model for {@code op}; the node under test is {@code target(model)}. */
    static ModelSpec of(String op) {
        ModelSpec m = new ModelSpec();
        m.inputs.add(new Value("x", OnnxTensor.FLOAT, BATCH, 2, 4, 4));
        m.outputs.add(new Value("y", OnnxTensor.FLOAT, (long[]) null));
        Node n;
        switch (op) {
            case "Add": case "Sub": case "Mul": case "Div":
                n = node(op, "x", "x");
                break;
            case "MatMul":
                m.initializers.add(Init.floats("w", new long[] {4, 4}, new float[16]));
                n = node(op, "x", "w");
                break;
            case "AveragePool":
                n = node(op, "x").attr(Attr.ints("kernel_shape", 2, 2)).attr(Attr.ints("strides", 2, 2))
                        .attr(Attr.ints("pads", 0, 0, 0, 0)).attr(Attr.i("ceil_mode", 0)).attr(Attr.i("count_include_pad", 0))
                        .attr(Attr.s("auto_pad", "NOTSET"));
                break;
            case "MaxPool":
                n = node(op, "x").attr(Attr.ints("kernel_shape", 2, 2)).attr(Attr.ints("strides", 2, 2))
                        .attr(Attr.ints("pads", 1, 1, 1, 1)).attr(Attr.ints("dilations", 1, 1)).attr(Attr.i("ceil_mode", 0))
                        .attr(Attr.i("storage_order", 0)).attr(Attr.s("auto_pad", "NOTSET"));
                break;
            case "Conv":
                m.initializers.add(Init.floats("w", new long[] {3, 2, 3, 3}, new float[54]));
                m.initializers.add(Init.floats("b", new long[] {3}, 1, 2, 3));
                n = node(op, "x", "w", "b").attr(Attr.ints("kernel_shape", 3, 3)).attr(Attr.ints("strides", 1, 1))
                        .attr(Attr.ints("pads", 1, 1, 1, 1)).attr(Attr.ints("dilations", 1, 1)).attr(Attr.i("group", 1))
                        .attr(Attr.s("auto_pad", "NOTSET"));
                break;
            case "BatchNormalization":
                for (String s : List.of("scale", "bias", "mean", "var")) m.initializers.add(Init.floats(s, new long[] {2}, 1, 1));
                n = node(op, "x", "scale", "bias", "mean", "var").attr(Attr.f("epsilon", 1e-5f)).attr(Attr.f("momentum", 0.9f));
                break;
            case "Cast":
                n = node(op, "x").attr(Attr.i("to", OnnxTensor.FLOAT));
                break;
            case "Clip":
                m.initializers.add(Init.floats("lo", new long[0], -1));
                m.initializers.add(Init.floats("hi", new long[0], 1));
                n = node(op, "x", "lo", "hi");
                break;
            case "Concat":
                n = node(op, "x", "x").attr(Attr.i("axis", 1));
                break;
            case "Constant":
                m.nodes.add(new Node("Constant", "target", List.of(), List.of("c")).attr(Attr.f("value_float", 2f)));
                m.nodes.add(new Node("Add", "add", List.of("x", "c"), List.of("y")));
                return m;
            case "Dropout":
                n = node(op, "x").attr(Attr.i("seed", 7));
                break;
            case "Elu": case "LeakyRelu":
                n = node(op, "x").attr(Attr.f("alpha", 0.1f));
                break;
            case "Flatten":
                n = node(op, "x").attr(Attr.i("axis", 1));
                break;
            case "Gather":
                // as PyTorch's exporter uses it: picking dims of a Shape for a Reshape target
                m.initializers.add(Init.longs("idx", new long[] {4}, 0, 1, 2, 3));
                m.nodes.add(new Node("Shape", "shape", List.of("x"), List.of("s")));
                m.nodes.add(new Node("Gather", "target", List.of("s", "idx"), List.of("g")).attr(Attr.i("axis", 0)));
                m.nodes.add(new Node("Reshape", "reshape", List.of("x", "g"), List.of("y")));
                return m;
            case "Gemm":
                m.nodes.add(new Node("Flatten", "flatten", List.of("x"), List.of("f")).attr(Attr.i("axis", 1)));
                m.initializers.add(Init.floats("w", new long[] {3, 32}, new float[96]));
                n = node(op, "f", "w").attr(Attr.f("alpha", 1f)).attr(Attr.f("beta", 1f)).attr(Attr.i("transA", 0))
                        .attr(Attr.i("transB", 1));
                break;
            case "Softmax": case "LogSoftmax":
                n = node(op, "x").attr(Attr.i("axis", 1));
                break;
            case "Pad":
                m.initializers.add(Init.longs("pads", new long[] {8}, 0, 0, 1, 1, 0, 0, 1, 1));
                n = node(op, "x", "pads").attr(Attr.s("mode", "constant"));
                break;
            case "ReduceMean":
                n = node(op, "x").attr(Attr.ints("axes", 2, 3)).attr(Attr.i("keepdims", 1));
                break;
            case "ReduceSum":
                m.initializers.add(Init.longs("axes", new long[] {2}, 2, 3));
                n = node(op, "x", "axes").attr(Attr.i("keepdims", 0)).attr(Attr.i("noop_with_empty_axes", 0));
                break;
            case "Reshape":
                m.initializers.add(Init.longs("shape", new long[] {2}, 0, -1));
                n = node(op, "x", "shape").attr(Attr.i("allowzero", 0));
                break;
            case "Shape":
                m.nodes.add(new Node("Shape", "target", List.of("x"), List.of("s")));
                m.nodes.add(new Node("Reshape", "reshape", List.of("x", "s"), List.of("y")));
                return m;
            case "Squeeze":
                m.initializers.add(Init.longs("axes", new long[] {1}, 0));
                m.nodes.add(new Node("Unsqueeze", "unsqueeze", List.of("x", "axes"), List.of("u")));
                n = node(op, "u", "axes");
                break;
            case "Unsqueeze":
                m.initializers.add(Init.longs("axes", new long[] {1}, 0));
                n = node(op, "x", "axes");
                break;
            case "Transpose":
                n = node(op, "x").attr(Attr.ints("perm", 0, 1, 3, 2));
                break;
            default: // unary ops without attributes: Abs, Exp, Log, Neg, Relu, Sigmoid, Sqrt, Tanh, Identity, GlobalAveragePool, GlobalMaxPool
                n = node(op, "x");
        }
        m.nodes.add(n);
        return m;
    }

    private static Node node(String op, String... in) {
        return new Node(op, "target", List.of(in), List.of("y"));
    }

    /** The node under test. */
    static Node target(ModelSpec m) {
        for (Node n : m.nodes) if (n.name.equals("target")) return n;
        throw new IllegalStateException("no target node");
    }
}
