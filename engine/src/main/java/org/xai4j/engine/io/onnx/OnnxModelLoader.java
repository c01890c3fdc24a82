package org.xai4j.engine.io.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.io.onnx.importer.OpRegistry;

/**
 * Loads an ONNX file as a runnable, differentiable {@link OnnxGraphModel}: parses it, checks the graph
 * (dangling inputs, cycles), and refuses at load, not mid-run, any op it cannot run.
 */
public final class OnnxModelLoader {
    private OnnxModelLoader() {}

    /**
     * @throws OnnxFormatException   the file is not valid ONNX (truncated, corrupt, cyclic graph...)
     * @throws OnnxImportException   valid ONNX this engine cannot run (unsupported op or domain)
     * @throws IOException           the file cannot be read
     */
    public static OnnxGraphModel load(Path file) throws IOException {
        return fromModel(OnnxReader.read(file));
    }

    /** Builds the runnable model from a parsed one (messages start with {@code model.source()}). */
    public static OnnxGraphModel fromModel(OnnxModel model) throws OnnxFormatException {
        List<OnnxNode> order = OnnxGraphValidator.check(model.graph(), model.source());
        if (model.graph().outputs().isEmpty()) {
            throw new OnnxImportException(model.source() + ": the graph declares no outputs");
        }
        for (OnnxNode node : order) {
            boolean defaultDomain = node.domain().isEmpty() || node.domain().equals("ai.onnx");
            if (!defaultDomain || OpRegistry.get(node.opType()) == null) {
                throw new OnnxImportException(model.source() + ": node " + node.label() + " uses an unsupported op"
                        + (defaultDomain ? "" : " of domain '" + node.domain() + "'") + "; supported: "
                        + String.join(", ", OpRegistry.supported()));
            }
        }
        long opset = model.opset();
        if (opset > 18) {
            // the translators follow the semantics of opsets 1 to 18 (legacy broadcast attributes,
            // attribute-to-input moves); later versions may change an op's meaning
            throw new OnnxImportException(model.source() + ": opset " + opset + " is newer than supported (up to 18)");
        }
        return new OnnxGraphModel(model, order);
    }
}
