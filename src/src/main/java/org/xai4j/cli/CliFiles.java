package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.engine.io.DType;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.io.onnx.OnnxValueInfo;
import org.xai4j.engine.io.onnx.importer.IntValue;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
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
     * The model's inputs read from .npy files: float inputs as float32 (float64 and integer arrays are
     * converted), integer inputs (int64 shapes, axes, pads declared as graph inputs) kept exact.
     */
    record ModelInputs(List<Tensor> floats, Map<String, IntValue> integers) {
        Activations run(OnnxGraphModel model, RunOptions options) {
            return model.run(floats, integers, options);
        }

        /** The float inputs copied to {@code device} (once: the model's weights follow them there). */
        ModelInputs to(org.xai4j.engine.tensor.Device device) {
            if (device.isHost()) return this;
            return new ModelInputs(floats.stream().map(t -> t.to(device)).toList(), integers);
        }
    }

    /**
     * Reads the .npy files and binds them, in order, to the model's non-initializer inputs: float32 for a
     * float input (float64 and integer arrays are converted), exact int64 for an integer input (an integer
     * array, or a float array of whole numbers). A wrong count, rank or fixed dimension is a usage error
     * naming the input; symbolic dimensions (the batch) take any size.
     */
    static ModelInputs readModelInputs(OnnxGraphModel model, List<Path> files) throws IOException {
        List<OnnxValueInfo> infos = model.inputInfos();
        if (files.size() != infos.size()) {
            List<String> names = model.inputNames();
            throw new Main.UsageError("the model takes " + infos.size() + " input(s) " + names + ", got "
                    + files.size() + " --input file(s)");
        }
        for (Path f : files) requireFile(f);
        List<Tensor> floats = new ArrayList<>();
        Map<String, IntValue> integers = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            HostArray array = Npy.read(files.get(i));
            checkShape(infos.get(i), array.shape(), files.get(i));
            if (model.isIntegerInput(i)) {
                integers.put(infos.get(i).name(), new IntValue(integerValues(array, infos.get(i), files.get(i)), array.shape()));
            } else {
                floats.add(Tensor.of(array.toFloatArray(), array.shape()));
            }
        }
        return new ModelInputs(floats, integers);
    }

    private static long[] integerValues(HostArray array, OnnxValueInfo info, Path file) {
        if (array.dtype() != DType.FLOAT32 && array.dtype() != DType.FLOAT64) return array.toLongArray();
        double[] d = array.toDoubleArray();
        long[] out = new long[d.length];
        for (int k = 0; k < d.length; k++) {
            if (d[k] != Math.rint(d[k]) || Math.abs(d[k]) > 0x1p53) {
                throw new Main.UsageError("input '" + info.name() + "' is declared integer, but " + file + " holds "
                        + d[k] + " at flat index " + k);
            }
            out[k] = (long) d[k];
        }
        return out;
    }

    /**
     * {@link #readModelInputs} for the commands that differentiate or perturb the input: every bound
     * input must be a float input.
     */
    static List<Tensor> readInputs(OnnxGraphModel model, List<Path> files) throws IOException {
        for (int i = 0; i < Math.min(files.size(), model.inputInfos().size()); i++) {
            if (model.isIntegerInput(i)) {
                throw new Main.UsageError("input '" + model.inputInfos().get(i).name()
                        + "' is declared integer; this command needs float inputs (xai predict runs such models)");
            }
        }
        return readModelInputs(model, files).floats();
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
