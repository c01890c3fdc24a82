package org.xai4j.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.io.onnx.OnnxNode;
import org.xai4j.engine.io.onnx.OnnxReader;
import org.xai4j.engine.io.onnx.OnnxValueInfo;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.tensor.Shape;

/**
 * An ONNX model loaded for explanation: parsed, checked, and refused at load (not mid-run) when it holds
 * an op this engine does not run.
 *
 * <p><b>Threads.</b> A loaded model may be shared by any number of threads explaining at once: a run
 * changes nothing in it (the autodiff tape, gradient modes, activation overrides and {@link RunControl}
 * hooks are per thread), and each thread gets the bits a lone run gets. Load once, share it.
 */
public final class Model {
    private final OnnxGraphModel graph;
    private final Path file;

    private Model(OnnxGraphModel graph, Path file) {
        this.graph = graph;
        this.file = file;
    }

    /**
     * Loads an {@code .onnx} file.
     *
     * @param file the {@code .onnx} file
     * @return the model, ready to run and to share
     * @throws ModelException the file cannot be read, is not valid ONNX, or holds an op not run here (its {@link ModelException#node})
     */
    public static Model load(Path file) {
        OnnxModel proto;
        try {
            proto = OnnxReader.read(file);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ModelException(file, null, m.contains(file.toString()) ? m : file + ": " + m, e);
        }
        return new Model(build(proto, file), file);
    }

    /**
     * Loads a model from the bytes of an {@code .onnx} file (a classpath resource, a blob store).
     *
     * @param onnx the file's bytes; not modified
     * @return the model, ready to run and to share
     * @throws ModelException the bytes are not valid ONNX, or the model holds an op not run here
     */
    public static Model load(byte[] onnx) {
        try {
            return new Model(build(OnnxReader.read(onnx, "<bytes>"), null), null);
        } catch (IOException e) {
            throw new ModelException(null, null, e.getMessage(), e);
        }
    }

    private static OnnxGraphModel build(OnnxModel proto, Path file) {
        try {
            return OnnxModelLoader.fromModel(proto);
        } catch (OnnxImportException e) {
            throw new ModelException(file, unsupportedNode(proto), e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelException(file, null, e.getMessage(), e);
        }
    }

    /** The first node whose op is not run here, as {@code name (OpType)}; null when the fault is elsewhere. */
    private static String unsupportedNode(OnnxModel proto) {
        try {
            List<OnnxNode> unsupported = OnnxModelLoader.inspect(proto).unsupported();
            return unsupported.isEmpty() ? null : unsupported.get(0).label();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@return the names of the inputs, in order} */
    public List<String> inputNames() {
        return graph.inputNames();
    }

    /** {@return the names of the outputs, in order; the first is the one explained} */
    public List<String> outputNames() {
        return graph.outputNames();
    }

    /** {@return the file it was loaded from; null for a model loaded from bytes} */
    public Path file() {
        return file;
    }

    /** {@return the engine's model, for code that works below this API (the CLI, the engine's own methods)} */
    public OnnxGraphModel graph() {
        return graph;
    }

    /**
     * Checks that the model has one input and that {@code shape} fits its declared shape (symbolic axes
     * take any size), as {@code xai explain} does before a run.
     */
    void checkInput(Inputs inputs) {
        if (graph.inputNames().size() != 1) {
            throw new InputException(inputs.file(), null, "1 input", graph.inputNames().size() + " inputs",
                    "the explanation methods need a model with one input; this one takes " + graph.inputNames(), null);
        }
        OnnxValueInfo info = graph.inputInfos().get(0);
        int[] shape = inputs.shape();
        if (!info.hasShape()) return;
        boolean ok = info.dims().size() == shape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            long d = info.dims().get(i).value();
            if (d >= 0 && d != shape[i]) ok = false;
        }
        if (!ok) {
            throw new InputException(inputs.file(), info.name(), info.shapeString(), Shape.str(shape),
                    "input '" + info.name() + "' expects shape " + info.shapeString() + ", got " + Shape.str(shape)
                            + (inputs.file() == null ? "" : " from " + inputs.file()), null);
        }
    }
}
