package org.xai4j.engine.io.onnx;

import java.util.List;

/** An AttributeProto: one of float, int, string, tensor, graph, floats, ints, strings (type codes as onnx.proto). */
public record OnnxAttribute(String name, int type, float f, long i, String s, OnnxTensor t, OnnxGraph g,
                            float[] floats, long[] ints, List<String> strings) {
    public static final int FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, GRAPH = 5, FLOATS = 6, INTS = 7, STRINGS = 8;
}
