package org.xai4j.engine.io.onnx.importer;

/**
 * A model that is well-formed ONNX but cannot run here: an unsupported op, a bad attribute, an input
 * of the wrong kind. The message is one line naming the node (name and op type).
 */
public class OnnxImportException extends IllegalArgumentException {
    public OnnxImportException(String message) {
        super(org.xai4j.engine.io.onnx.OnnxNode.printable(message));
    }
}
