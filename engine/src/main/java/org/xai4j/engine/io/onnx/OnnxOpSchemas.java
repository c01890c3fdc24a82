package org.xai4j.engine.io.onnx;

import java.util.HashMap;
import java.util.Map;

/**
 * What ONNX's operator schemas allow for each op this engine runs: the attribute names and their types,
 * and the number of inputs and outputs, taken over every opset version up to 18 (generated from
 * {@code onnx.defs.get_all_schemas_with_history()} of ONNX 1.12, plus opset 18's ReduceMean and Pad
 * inputs). {@link OnnxModelChecker} refuses what the table does not allow, as ONNX's own checker does.
 */
final class OnnxOpSchemas {
    /** The attribute types (bits over {@link OnnxAttribute} type codes) an attribute may have. */
    static final int T_FLOAT = 1 << OnnxAttribute.FLOAT, T_INT = 1 << OnnxAttribute.INT, T_STRING = 1 << OnnxAttribute.STRING,
            T_TENSOR = 1 << OnnxAttribute.TENSOR, T_FLOATS = 1 << OnnxAttribute.FLOATS, T_INTS = 1 << OnnxAttribute.INTS,
            T_STRINGS = 1 << OnnxAttribute.STRINGS, T_SPARSE_TENSOR = 1 << 11;
    /** No upper bound on inputs (Concat). */
    static final int MANY = Integer.MAX_VALUE;

    /** One op: its attributes (name to allowed types) and its input and output counts. */
    record Schema(Map<String, Integer> attributes, int minInputs, int maxInputs, int minOutputs, int maxOutputs) {}

    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    static {
        op("Abs", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("Add", 2, 2, 1, 1, "axis", T_INT, "broadcast", T_INT, "consumed_inputs", T_INTS);
        op("AveragePool", 1, 1, 1, 1, "auto_pad", T_STRING, "ceil_mode", T_INT, "count_include_pad", T_INT, "kernel_shape", T_INTS,
                "pads", T_INTS, "strides", T_INTS, "dilations", T_INTS);
        op("BatchNormalization", 5, 5, 1, 5, "consumed_inputs", T_INTS, "epsilon", T_FLOAT, "is_test", T_INT, "momentum", T_FLOAT,
                "spatial", T_INT, "training_mode", T_INT);
        op("Cast", 1, 1, 1, 1, "to", T_INT);
        op("Clip", 1, 3, 1, 1, "consumed_inputs", T_INTS, "max", T_FLOAT, "min", T_FLOAT);
        op("Concat", 1, MANY, 1, 1, "axis", T_INT);
        op("Constant", 0, 0, 1, 1, "sparse_value", T_SPARSE_TENSOR, "value", T_TENSOR, "value_float", T_FLOAT, "value_floats", T_FLOATS,
                "value_int", T_INT, "value_ints", T_INTS, "value_string", T_STRING, "value_strings", T_STRINGS);
        op("Conv", 2, 3, 1, 1, "auto_pad", T_STRING, "dilations", T_INTS, "group", T_INT, "kernel_shape", T_INTS, "pads", T_INTS,
                "strides", T_INTS);
        op("Div", 2, 2, 1, 1, "axis", T_INT, "broadcast", T_INT, "consumed_inputs", T_INTS);
        op("Dropout", 1, 3, 1, 2, "consumed_inputs", T_INTS, "is_test", T_INT, "ratio", T_FLOAT, "seed", T_INT);
        op("Elu", 1, 1, 1, 1, "alpha", T_FLOAT, "consumed_inputs", T_INTS);
        op("Exp", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("Flatten", 1, 1, 1, 1, "axis", T_INT);
        op("Gather", 2, 2, 1, 1, "axis", T_INT);
        op("Gemm", 2, 3, 1, 1, "alpha", T_FLOAT, "beta", T_FLOAT, "broadcast", T_INT, "transA", T_INT, "transB", T_INT);
        op("GlobalAveragePool", 1, 1, 1, 1);
        op("GlobalMaxPool", 1, 1, 1, 1);
        op("Identity", 1, 1, 1, 1);
        op("LeakyRelu", 1, 1, 1, 1, "alpha", T_FLOAT, "consumed_inputs", T_INTS);
        op("Log", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("LogSoftmax", 1, 1, 1, 1, "axis", T_INT);
        op("MatMul", 2, 2, 1, 1);
        op("MaxPool", 1, 1, 1, 2, "auto_pad", T_STRING, "ceil_mode", T_INT, "dilations", T_INTS, "kernel_shape", T_INTS, "pads", T_INTS,
                "storage_order", T_INT, "strides", T_INTS);
        op("Mul", 2, 2, 1, 1, "axis", T_INT, "broadcast", T_INT, "consumed_inputs", T_INTS);
        op("Neg", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("Pad", 1, 4, 1, 1, "mode", T_STRING, "paddings", T_INTS, "pads", T_INTS, "value", T_FLOAT);
        op("ReduceMean", 1, 2, 1, 1, "axes", T_INTS, "keepdims", T_INT, "noop_with_empty_axes", T_INT);
        op("ReduceSum", 1, 2, 1, 1, "axes", T_INTS, "keepdims", T_INT, "noop_with_empty_axes", T_INT);
        op("Relu", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("Reshape", 1, 2, 1, 1, "allowzero", T_INT, "consumed_inputs", T_INTS, "shape", T_INTS);
        op("Shape", 1, 1, 1, 1, "end", T_INT, "start", T_INT);
        op("Sigmoid", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("Softmax", 1, 1, 1, 1, "axis", T_INT);
        op("Sqrt", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("Squeeze", 1, 2, 1, 1, "axes", T_INTS);
        op("Sub", 2, 2, 1, 1, "axis", T_INT, "broadcast", T_INT, "consumed_inputs", T_INTS);
        op("Tanh", 1, 1, 1, 1, "consumed_inputs", T_INTS);
        op("Transpose", 1, 1, 1, 1, "perm", T_INTS);
        op("Unsqueeze", 1, 2, 1, 1, "axes", T_INTS);
    }

    private OnnxOpSchemas() {}

    private static void op(String name, int minIn, int maxIn, int minOut, int maxOut, Object... attributes) {
        Map<String, Integer> a = new HashMap<>();
        for (int i = 0; i < attributes.length; i += 2) a.put((String) attributes[i], (Integer) attributes[i + 1]);
        SCHEMAS.put(name, new Schema(Map.copyOf(a), minIn, maxIn, minOut, maxOut));
    }

    /** The schema of a default-domain op, or null for one this engine does not run. */
    static Schema get(String opType) {
        return SCHEMAS.get(opType);
    }

    /** The ONNX name of an attribute type code (AttributeProto.AttributeType). */
    static String typeName(int type) {
        switch (type) {
            case OnnxAttribute.FLOAT: return "FLOAT";
            case OnnxAttribute.INT: return "INT";
            case OnnxAttribute.STRING: return "STRING";
            case OnnxAttribute.TENSOR: return "TENSOR";
            case OnnxAttribute.GRAPH: return "GRAPH";
            case OnnxAttribute.FLOATS: return "FLOATS";
            case OnnxAttribute.INTS: return "INTS";
            case OnnxAttribute.STRINGS: return "STRINGS";
            case 11: return "SPARSE_TENSOR";
            case 0: return "UNDEFINED";
            default: return "type " + type;
        }
    }

    /** "INT or STRING" for a set of type bits. */
    static String typeNames(int bits) {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < 31; t++) {
            if ((bits & (1 << t)) == 0) continue;
            if (b.length() > 0) b.append(" or ");
            b.append(typeName(t));
        }
        return b.toString();
    }
}
