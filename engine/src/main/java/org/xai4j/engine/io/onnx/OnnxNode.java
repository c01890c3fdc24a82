package org.xai4j.engine.io.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A NodeProto: op type, named inputs ("" for a missing optional input) and outputs, attributes. */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    /** "name (OpType)" for messages; the first output stands in for a missing name. */
    public String label() {
        String n = name.isEmpty() ? (outputs.isEmpty() ? "?" : outputs.get(0)) : name;
        return "'" + printable(n) + "' (" + printable(opType) + ")";
    }

    /** A name fit for a one-line message: control characters (a corrupt file's) as \\uXXXX escapes. */
    public static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean bad = ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || ch == 0x2028 || ch == 0x2029;
            if (bad && b == null) b = new StringBuilder(s.substring(0, i));
            if (b != null) {
                if (bad) b.append(String.format("\\u%04x", (int) ch));
                else b.append(ch);
            }
        }
        return b == null ? s : b.toString();
    }

    public boolean has(String attr) {
        return attributes.containsKey(attr);
    }

    public long attrInt(String attr, long fallback) {
        OnnxAttribute a = attributes.get(attr);
        return a == null ? fallback : a.i();
    }

    public float attrFloat(String attr, float fallback) {
        OnnxAttribute a = attributes.get(attr);
        return a == null ? fallback : a.f();
    }

    public String attrString(String attr, String fallback) {
        OnnxAttribute a = attributes.get(attr);
        return a == null ? fallback : a.s();
    }

    /** An ints attribute, or null when absent. */
    public long[] attrInts(String attr) {
        OnnxAttribute a = attributes.get(attr);
        return a == null ? null : a.ints().clone();
    }

    public float[] attrFloats(String attr) {
        OnnxAttribute a = attributes.get(attr);
        return a == null ? null : a.floats().clone();
    }

    public OnnxTensor attrTensor(String attr) {
        OnnxAttribute a = attributes.get(attr);
        return a == null ? null : a.t();
    }

    /** The i-th input name, or "" when absent. */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    @Override
    public String toString() {
        return label() + " " + inputs + " -> " + outputs + " " + Arrays.toString(attributes.keySet().toArray());
    }
}
