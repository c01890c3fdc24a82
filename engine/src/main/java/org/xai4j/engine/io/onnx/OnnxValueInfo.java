package org.xai4j.engine.io.onnx;

import java.util.List;

/** A ValueInfoProto of tensor type: name, element type and dims (fixed, symbolic or unknown). */
public record OnnxValueInfo(String name, int elemType, List<Dim> dims) {
    /** A dimension: a fixed value (>= 0), or a symbolic name, or unknown (value -1, param null). */
    public record Dim(long value, String param) {
        @Override
        public String toString() {
            return value >= 0 ? Long.toString(value) : param != null && !param.isEmpty() ? param : "?";
        }
    }

    /** Whether the shape is known at all (a rank). */
    public boolean hasShape() {
        return dims != null;
    }

    public String shapeString() {
        return dims == null ? "(unknown)" : dims.toString().replace(" ", "");
    }
}
