package org.xai4j.api;

import java.nio.file.Path;

/**
 * A model that cannot be loaded or run: not ONNX, truncated, an op this engine does not run, or a file
 * that cannot be read.
 */
public final class ModelException extends XaiException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The node at fault. */
    private final String node;

    /**
     * @param file    the model's file, or null for a model given as bytes
     * @param node    the graph node at fault ({@code name (OpType)}), or null when no one node is
     * @param message one line
     * @param cause   the engine's exception
     */
    public ModelException(Path file, String node, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.node = node;
    }

    /** {@return the model's file; null for a model given as bytes} */
    public Path file() {
        return file;
    }

    /** {@return the node at fault, e.g. {@code n3 (NonMaxSuppression)}; null when the fault is not one node's} */
    public String node() {
        return node;
    }
}
