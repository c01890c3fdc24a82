package org.xai4j.engine.io.onnx.importer;

/** Runs one ONNX op on the engine's differentiable {@code Ops}, reading inputs and writing outputs through the context. */
@FunctionalInterface
public interface OpTranslator {
    void run(NodeContext ctx);
}
