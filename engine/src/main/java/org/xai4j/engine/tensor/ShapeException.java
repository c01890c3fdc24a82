package org.xai4j.engine.tensor;

/** A shape mismatch: the message names the op and the shapes involved. */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
