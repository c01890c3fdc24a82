package org.xai4j.engine.io.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The values each attribute of a supported op may take, as the ONNX operator specification states them
 * (onnx/docs/Operators.md): flags are 0 or 1, sizes and strides positive, pads not negative, enums one of
 * their names, floats not NaN; and across attributes, a pool's pads smaller than its (dilated) kernel
 * (ONNX's shape inference for pooling: "Pad should be smaller than kernel"; larger pads gave all-NaN
 * windows) and a Constant with exactly one value.
 */
final class OnnxAttributeRanges {
    private static final Set<String> FLAGS = Set.of("ceil_mode", "count_include_pad", "storage_order", "transA", "transB",
            "keepdims", "noop_with_empty_axes", "allowzero", "training_mode", "is_test", "spatial", "broadcast");
    private static final Set<String> POSITIVE_INTS = Set.of("kernel_shape", "strides", "dilations");
    private static final List<String> AUTO_PAD = List.of("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID");
    private static final List<String> PAD_MODES = List.of("constant", "reflect", "edge");
    private static final List<String> CONSTANT_VALUES = List.of("value", "value_float", "value_floats", "value_int", "value_ints",
            "value_string", "value_strings", "sparse_value");

    private OnnxAttributeRanges() {}

    /** One attribute's value; {@code where} names node and attribute. */
    static void check(OnnxNode n, OnnxAttribute a, String where) throws OnnxFormatException {
        String name = a.name();
        String op = n.opType();
        if (FLAGS.contains(name) && a.i() != 0 && a.i() != 1) throw new OnnxFormatException(where + " must be 0 or 1, got " + a.i());
        if (POSITIVE_INTS.contains(name)) {
            for (long v : a.ints()) if (v < 1) throw new OnnxFormatException(where + " must hold positive values, got " + Arrays.toString(a.ints()));
        }
        if (name.equals("pads") && !op.equals("Pad")) {
            for (long v : a.ints()) if (v < 0) throw new OnnxFormatException(where + " must not be negative, got " + Arrays.toString(a.ints()));
        }
        if (name.equals("group") && a.i() < 1) throw new OnnxFormatException(where + " must be at least 1, got " + a.i());
        if (name.equals("auto_pad") && !AUTO_PAD.contains(a.s())) {
            throw new OnnxFormatException(where + " must be one of " + AUTO_PAD + ", got '" + OnnxNode.printable(a.s()) + "'");
        }
        if (op.equals("Pad") && name.equals("mode") && !PAD_MODES.contains(a.s())) {
            throw new OnnxFormatException(where + " must be one of " + PAD_MODES + ", got '" + OnnxNode.printable(a.s()) + "'");
        }
        if (op.equals("Cast") && name.equals("to") && (a.i() < 1 || a.i() > 16 || a.i() == OnnxTensor.STRING)) {
            throw new OnnxFormatException(where + " must be a numeric ONNX data type code, got " + a.i());
        }
        if (a.type() == OnnxAttribute.FLOAT && Float.isNaN(a.f())) throw new OnnxFormatException(where + " is NaN");
        if (a.type() == OnnxAttribute.FLOAT && !op.equals("Clip") && !Float.isFinite(a.f())) {
            throw new OnnxFormatException(where + " must be finite, got " + a.f());
        }
        if (name.equals("epsilon") && !(a.f() >= 0)) throw new OnnxFormatException(where + " must not be negative, got " + a.f());
        if (op.equals("Dropout") && name.equals("ratio") && !(a.f() >= 0 && a.f() < 1)) {
            throw new OnnxFormatException(where + " must be in [0, 1), got " + a.f());
        }
        if (a.type() == OnnxAttribute.FLOATS) {
            for (float f : a.floats()) if (!Float.isFinite(f)) throw new OnnxFormatException(where + " holds " + f);
        }
        if (name.equals("perm")) {
            long[] p = a.ints();
            boolean[] seen = new boolean[p.length];
            for (long v : p) {
                if (v < 0 || v >= p.length || seen[(int) v]) {
                    throw new OnnxFormatException(where + " must be a permutation of 0.." + (p.length - 1) + ", got " + Arrays.toString(p));
                }
                seen[(int) v] = true;
            }
        }
        if (op.equals("Shape") && (name.equals("start") || name.equals("end"))) {
            throw new OnnxFormatException(where + " is not supported (Shape of a slice of the axes)");
        }
        if (op.equals("Constant") && (name.equals("value_string") || name.equals("value_strings") || name.equals("sparse_value"))) {
            throw new OnnxFormatException(where + ": string and sparse constants are not supported");
        }
        if (op.equals("Constant") && name.equals("value") && a.t() == null) throw new OnnxFormatException(where + " holds no tensor");
    }

    /** Checks across a node's attributes. */
    static void checkNode(OnnxNode n, String where) throws OnnxFormatException {
        String op = n.opType();
        if (op.equals("Constant")) {
            int values = 0;
            for (String v : CONSTANT_VALUES) if (n.has(v)) values++;
            if (values != 1) {
                throw new OnnxFormatException(where + ": a Constant holds exactly one of " + CONSTANT_VALUES + ", this one has " + values);
            }
        }
        boolean pool = op.equals("MaxPool") || op.equals("AveragePool");
        if (!pool && !op.equals("Conv")) return;
        long[] kernel = n.attrInts("kernel_shape");
        if (pool && kernel == null) throw new OnnxFormatException(where + ": missing required attribute 'kernel_shape'");
        if (kernel == null) return;
        int rank = kernel.length;
        if (rank == 0) throw new OnnxFormatException(where + ": attribute 'kernel_shape' is empty");
        for (String axisWise : List.of("strides", "dilations")) {
            long[] v = n.attrInts(axisWise);
            if (v != null && v.length != rank) {
                throw new OnnxFormatException(where + ": attribute '" + axisWise + "' has " + v.length + " values for a kernel of rank " + rank);
            }
        }
        long[] pads = n.attrInts("pads");
        if (pads == null) return;
        if (pads.length != 2 * rank) {
            throw new OnnxFormatException(where + ": attribute 'pads' has " + pads.length + " values, expected " + 2 * rank
                    + " (begin and end per spatial axis)");
        }
        if (!pool) return;
        long[] dilations = n.attrInts("dilations");
        for (int i = 0; i < 2 * rank; i++) {
            long k = kernel[i % rank], d = dilations == null ? 1 : dilations[i % rank];
            long span = (k - 1) * d + 1;
            if (pads[i] >= span) {
                throw new OnnxFormatException(where + ": attribute 'pads' " + Arrays.toString(pads) + " must be smaller than the kernel "
                        + Arrays.toString(kernel) + " (a window of padding only)");
            }
        }
    }
}
