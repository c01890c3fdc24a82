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
        Inspection checked = inspect(model);
        if (!checked.unsupported().isEmpty()) {
            OnnxNode node = checked.unsupported().get(0);
            boolean defaultDomain = isDefaultDomain(node);
            throw new OnnxImportException(model.source() + ": node " + node.label() + " uses an unsupported op"
                    + (defaultDomain ? "" : " of domain '" + node.domain() + "'") + "; supported: "
                    + String.join(", ", OpRegistry.supported()));
        }
        return new OnnxGraphModel(model, checked.order());
    }

    /**
     * A checked model that may hold ops this engine does not run (what {@code xai info} describes).
     *
     * @param order       the nodes in topological order
     * @param unsupported the nodes whose op (or domain) is not run here, in that order
     */
    public record Inspection(OnnxModel model, List<OnnxNode> order, List<OnnxNode> unsupported) {}

    /** Reads and checks a file as {@link #load} does, without refusing ops that are not run here. */
    public static Inspection inspect(Path file) throws IOException {
        return inspect(OnnxReader.read(file));
    }

    /**
     * Every check of {@link #load} but the op support: the model's structure against ONNX's rules
     * ({@link OnnxModelChecker}: IR version, opsets, attributes per op schema) and the graph's wiring.
     * The opset limit of {@link OnnxModelChecker#MAX_OPSET} holds because the translators follow the
     * semantics of opsets 1 to 18 (legacy broadcast attributes, attribute-to-input moves).
     */
    public static Inspection inspect(OnnxModel model) throws OnnxFormatException {
        OnnxModelChecker.check(model);
        List<OnnxNode> order = OnnxGraphValidator.check(model.graph(), model.source());
        if (model.graph().outputs().isEmpty()) {
            throw new OnnxImportException(model.source() + ": the graph declares no outputs");
        }
        List<OnnxNode> unsupported = new java.util.ArrayList<>();
        for (OnnxNode node : order) {
            if (!isDefaultDomain(node) || OpRegistry.get(node.opType()) == null) unsupported.add(node);
        }
        return new Inspection(model, order, List.copyOf(unsupported));
    }

    private static boolean isDefaultDomain(OnnxNode node) {
        return node.domain().isEmpty() || node.domain().equals("ai.onnx");
    }
}
