package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.io.onnx.OnnxValueInfo;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * The file handling every command shares: a missing file or output folder is a usage error (exit 2),
 * checked before any work; a file that exists but is corrupt fails with the reader's one-line message
 * (exit 1); inputs are bound to the model's inputs in order and checked against their declared shapes.
 */
final class CliFiles {
    private CliFiles() {}

    /** The model, loaded; "no such file" as a usage error. */
    static OnnxGraphModel loadModel(Path file) throws IOException {
        requireFile(file);
        return OnnxModelLoader.load(file);
    }

    /** Fails with a usage error unless {@code file} is a readable regular file. */
    static void requireFile(Path file) {
        if (!Files.exists(file)) throw new Main.UsageError("no such file: " + file);
        if (!Files.isRegularFile(file)) throw new Main.UsageError("not a file: " + file);
        if (!Files.isReadable(file)) throw new Main.UsageError("cannot read: " + file);
    }

    /** Fails with a usage error unless {@code out} can be created: its folder exists and it is not a folder. */
    static void requireWritable(Path out) {
        if (out == null) return;
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new Main.UsageError("no such directory for the output: " + parent);
        }
        if (Files.isDirectory(out)) throw new Main.UsageError("the output is a directory: " + out);
    }

    /**
     * Reads the .npy files and binds them, in order, to the model's non-initializer inputs as float32
     * (float64 and integer arrays are converted). A wrong count, rank or fixed dimension is a usage error
     * naming the input; symbolic dimensions (the batch) take any size.
     */
    static List<Tensor> readInputs(OnnxGraphModel model, List<Path> files) throws IOException {
        List<OnnxValueInfo> infos = model.inputInfos();
        if (files.size() != infos.size()) {
            List<String> names = model.inputNames();
            throw new Main.UsageError("the model takes " + infos.size() + " input(s) " + names + ", got "
                    + files.size() + " --input file(s)");
        }
        for (Path f : files) requireFile(f);
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            HostArray array = Npy.read(files.get(i));
            checkShape(infos.get(i), array.shape(), files.get(i));
            tensors.add(Tensor.of(array.toFloatArray(), array.shape()));
        }
        return tensors;
    }

    private static void checkShape(OnnxValueInfo info, int[] shape, Path file) {
        if (!info.hasShape()) return;
        List<OnnxValueInfo.Dim> dims = info.dims();
        boolean ok = dims.size() == shape.length;
        for (int i = 0; ok && i < dims.size(); i++) {
            long d = dims.get(i).value();
            if (d >= 0 && d != shape[i]) ok = false;
        }
        if (!ok) {
            throw new Main.UsageError("input '" + info.name() + "' expects shape " + info.shapeString() + ", got "
                    + Shape.str(shape) + " from " + file);
        }
    }

    /** Writes a tensor as a float32 .npy file, atomically (a failed run leaves no partial file). */
    static void writeNpy(Path out, Tensor t) throws IOException {
        Npy.write(out, HostArray.ofFloat(t.shape(), t.toArray()));
    }
}
