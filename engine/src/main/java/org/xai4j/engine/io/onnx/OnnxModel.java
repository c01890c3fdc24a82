package org.xai4j.engine.io.onnx;

import java.util.Map;

/** A ModelProto: IR version, opset imports (domain to version, "" = the default ONNX domain), producer, graph. */
public record OnnxModel(long irVersion, Map<String, Long> opsets, String producerName, String producerVersion,
                        OnnxGraph graph, String source) {
    /** The default-domain opset version (1 when not declared, as the spec says). */
    public long opset() {
        Long v = opsets.get("");
        if (v == null) v = opsets.get("ai.onnx");
        return v == null ? 1 : v;
    }
}
