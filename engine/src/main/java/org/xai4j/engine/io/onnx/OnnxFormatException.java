package org.xai4j.engine.io.onnx;

import java.io.IOException;

/** A malformed or unsupported ONNX file; the message is one line naming the file and what was wrong. */
public class OnnxFormatException extends IOException {
    public OnnxFormatException(String message) {
        super(OnnxNode.printable(message));
    }
}
