package org.xai4j.engine.io.onnx;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The checks ONNX's own checker ({@code onnx.checker.check_model}) makes, on the parts this engine
 * reads: the IR version and the default-domain opset; unique, named graph inputs, outputs and
 * initializers; graph inputs of a type that can be fed; and for every node of an op we run, its input
 * and output counts and each attribute's name, type and range against {@link OnnxOpSchemas}. Runs once
 * when a model is loaded, never per pass. Every refusal is one line naming the node, attribute, input
 * or initializer.
 */
public final class OnnxModelChecker {
    /** IR versions this reader understands: 1 (ONNX 1.0) to 10 (ONNX 1.16). */
    static final long MAX_IR_VERSION = 10;
    /** The newest default-domain opset whose op semantics the translators follow. */
    public static final long MAX_OPSET = 18;

    private OnnxModelChecker() {}

    /** Checks everything but whether each op is supported (see {@link OnnxModelLoader}). */
    public static void check(OnnxModel model) throws OnnxFormatException {
        String src = model.source();
        long ir = model.irVersion();
        if (ir <= 0) throw new OnnxFormatException(src + ": ir_version " + ir + " is missing or invalid (a model declares 1 or more)");
        if (ir > MAX_IR_VERSION) {
            throw new OnnxFormatException(src + ": ir_version " + ir + " is newer than supported (up to " + MAX_IR_VERSION + ")");
        }
        checkOpsets(model.opsets(), src);
        OnnxGraph g = model.graph();
        Set<String> initializers = new HashSet<>();
        for (OnnxTensor t : g.initializers()) {
            if (t.name().isEmpty()) throw new OnnxFormatException(src + ": an initializer has no name");
            if (!initializers.add(t.name())) throw new OnnxFormatException(src + ": initializer '" + t.name() + "' is declared twice");
        }
        Set<String> inputs = new HashSet<>();
        for (OnnxValueInfo v : g.inputs()) {
            if (v.name().isEmpty()) throw new OnnxFormatException(src + ": a graph input has no name");
            if (!inputs.add(v.name())) throw new OnnxFormatException(src + ": graph input '" + v.name() + "' is declared twice");
            if (!initializers.contains(v.name()) && !feedable(v.elemType())) {
                throw new OnnxFormatException(src + ": graph input '" + v.name() + "' has type "
                        + (v.elemType() == 0 ? "UNDEFINED (a sequence, map, optional or untyped value)" : OnnxTensor.typeName(v.elemType()))
                        + ", which cannot be fed from a .npy file (float, double, float16, integer or bool tensors)");
            }
        }
        Set<String> outputs = new HashSet<>();
        for (OnnxValueInfo v : g.outputs()) {
            if (v.name().isEmpty()) throw new OnnxFormatException(src + ": a graph output has no name");
            if (!outputs.add(v.name())) throw new OnnxFormatException(src + ": graph output '" + v.name() + "' is declared twice");
        }
        for (OnnxNode n : g.nodes()) checkNode(n, src);
    }

    private static void checkOpsets(Map<String, Long> opsets, String src) throws OnnxFormatException {
        if (opsets.containsKey("") && opsets.containsKey("ai.onnx")) {
            throw new OnnxFormatException(src + ": two opset_import entries for the default domain ('' and 'ai.onnx')");
        }
        Long v = opsets.containsKey("") ? opsets.get("") : opsets.get("ai.onnx");
        if (v == null) throw new OnnxFormatException(src + ": no opset_import for the default ONNX domain");
        if (v <= 0) throw new OnnxFormatException(src + ": default-domain opset " + v + " is invalid (1 or more)");
        if (v > MAX_OPSET) throw new OnnxFormatException(src + ": opset " + v + " is newer than supported (up to " + MAX_OPSET + ")");
        for (Map.Entry<String, Long> e : opsets.entrySet()) {
            if (e.getValue() <= 0) {
                throw new OnnxFormatException(src + ": opset " + e.getValue() + " of domain '" + e.getKey() + "' is invalid (1 or more)");
            }
        }
    }

    private static boolean feedable(int elemType) {
        switch (elemType) {
            case OnnxTensor.FLOAT: case OnnxTensor.DOUBLE: case OnnxTensor.FLOAT16: case OnnxTensor.INT64: case OnnxTensor.INT32:
            case OnnxTensor.INT16: case OnnxTensor.INT8: case OnnxTensor.UINT8: case OnnxTensor.BOOL:
                return true;
            default:
                return false;
        }
    }

    /** One node against its op's schema; an op without a schema (not run here) is left to the loader. */
    static void checkNode(OnnxNode n, String src) throws OnnxFormatException {
        boolean defaultDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
        OnnxOpSchemas.Schema s = defaultDomain ? OnnxOpSchemas.get(n.opType()) : null;
        if (s == null) return;
        String where = src + ": node " + n.label();
        int in = n.inputs().size();
        if (in < s.minInputs() || in > s.maxInputs()) {
            throw new OnnxFormatException(where + ": " + in + " inputs, expected " + count(s.minInputs(), s.maxInputs()));
        }
        for (int i = 0; i < s.minInputs(); i++) {
            if (n.inputs().get(i).isEmpty()) throw new OnnxFormatException(where + ": required input " + i + " is empty");
        }
        int out = n.outputs().size();
        if (out < s.minOutputs() || out > s.maxOutputs()) {
            throw new OnnxFormatException(where + ": " + out + " outputs, expected " + count(s.minOutputs(), s.maxOutputs()));
        }
        if (n.outputs().get(0).isEmpty()) throw new OnnxFormatException(where + ": output 0 has no name");
        for (OnnxAttribute a : n.attributes().values()) {
            Integer allowed = s.attributes().get(a.name());
            String attr = where + ": attribute '" + OnnxNode.printable(a.name()) + "'";
            if (allowed == null) {
                throw new OnnxFormatException(attr + " is not an attribute of " + n.opType()
                        + (s.attributes().isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", new java.util.TreeSet<>(s.attributes().keySet())) + ")"));
            }
            if (a.type() <= 0 || a.type() > 30 || (allowed & (1 << a.type())) == 0) {
                throw new OnnxFormatException(attr + " must be " + OnnxOpSchemas.typeNames(allowed) + ", got " + OnnxOpSchemas.typeName(a.type()));
            }
            OnnxAttributeRanges.check(n, a, attr);
        }
        OnnxAttributeRanges.checkNode(n, where);
    }

    private static String count(int min, int max) {
        if (min == max) return Integer.toString(min);
        return max == OnnxOpSchemas.MANY ? "at least " + min : min + " to " + max;
    }
}
