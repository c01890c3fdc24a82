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

    /**
     * Fails with a usage error unless {@code out} can be created: its folder exists and an existing file of
     * that name is a regular file. A command with several outputs uses {@link OutputFiles}, which also
     * refuses two options naming one file.
     */
    static void requireWritable(Path out) {
        OutputFiles.check().add("--out", out).verify();
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
        return readModelInputs(model, files, new InputFiles(), false);
    }

    /** {@link #readModelInputs(OnnxGraphModel, List)} with the readers of {@link InputFiles} (CSV, images, FASTA, .npy). */
    static ModelInputs readModelInputs(OnnxGraphModel model, List<Path> files, InputFiles readers) throws IOException {
        return readModelInputs(model, files, readers, false);
    }

    /** {@link #readModelInputs(OnnxGraphModel, List)} with the NaN policy of {@link #readModelInputs(OnnxGraphModel, List, InputFiles, boolean)}. */
    static ModelInputs readModelInputs(OnnxGraphModel model, List<Path> files, boolean allowNonFinite) throws IOException {
        return readModelInputs(model, files, new InputFiles(), allowNonFinite);
    }

    /**
     * {@link #readModelInputs(OnnxGraphModel, List)} with the readers of {@link InputFiles}; a float input
     * holding NaN or an infinity (or a float64 value beyond float32's range) is a usage error naming file,
     * row and index unless {@code allowNonFinite} (see {@link NonFinite}).
     */
    static ModelInputs readModelInputs(OnnxGraphModel model, List<Path> files, InputFiles readers, boolean allowNonFinite)
            throws IOException {
        List<OnnxValueInfo> infos = model.inputInfos();
        for (Path f : files) {
            if (!InputFiles.isImage(f)) requireFile(f);
        }
        List<InputFiles.Loaded> arrays = readers.readModelInputs(files);
        if (arrays.size() != infos.size()) {
            List<String> names = model.inputNames();
            throw new Main.UsageError("the model takes " + infos.size() + " input(s) " + names + ", got "
                    + files.size() + " --input file(s)");
        }
        List<Tensor> floats = new ArrayList<>();
        Map<String, IntValue> integers = new HashMap<>();
        for (int i = 0; i < arrays.size(); i++) {
            HostArray array = arrays.get(i).array();
            Path file = arrays.get(i).file();
            checkShape(infos.get(i), array.shape(), file);
            if (model.isIntegerInput(i)) {
                integers.put(infos.get(i).name(), new IntValue(integerValues(array, infos.get(i), file), array.shape()));
            } else {
                float[] values = array.toFloatArray();
                NonFinite.requireFinite(file.toString(), values, array.shape(), array, allowNonFinite);
                floats.add(Tensor.of(values, array.shape()));
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
        return readInputs(model, files, new InputFiles(), false);
    }

    /** {@link #readInputs(OnnxGraphModel, List)} with the readers of {@link InputFiles}. */
    static List<Tensor> readInputs(OnnxGraphModel model, List<Path> files, InputFiles readers) throws IOException {
        return readInputs(model, files, readers, false);
    }

    /** {@link #readInputs(OnnxGraphModel, List)} with the NaN policy of {@link #readModelInputs(OnnxGraphModel, List, InputFiles, boolean)}. */
    static List<Tensor> readInputs(OnnxGraphModel model, List<Path> files, boolean allowNonFinite) throws IOException {
        return readInputs(model, files, new InputFiles(), allowNonFinite);
    }

    /**
     * {@link #readInputs(OnnxGraphModel, List)} with the readers of {@link InputFiles} and the NaN policy of
     * {@link #readModelInputs(OnnxGraphModel, List, InputFiles, boolean)}; an input of zero rows is a usage
     * error (every explanation method answers it the same way: there is nothing to explain).
     */
    static List<Tensor> readInputs(OnnxGraphModel model, List<Path> files, InputFiles readers, boolean allowNonFinite)
            throws IOException {
        for (int i = 0; i < Math.min(files.size(), model.inputInfos().size()); i++) {
            if (model.isIntegerInput(i)) {
                throw new Main.UsageError("input '" + model.inputInfos().get(i).name()
                        + "' is declared integer; this command needs float inputs (xai predict runs such models)");
            }
        }
        List<Tensor> floats = readModelInputs(model, files, readers, allowNonFinite).floats();
        for (int i = 0; i < floats.size(); i++) {
            int[] s = floats.get(i).shape();
            if (s.length == 0 || s[0] == 0) {
                throw new Main.UsageError(files.get(Math.min(i, files.size() - 1)) + ": " + (s.length == 0 ? "a scalar has no rows" : "0 rows (shape "
                        + Shape.str(s) + ")") + "; there is nothing to compute");
            }
        }
        return floats;
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

    /**
     * Writes a result atomically: a CSV table with a header row when {@code out} ends in .csv (one row per
     * input row, columns named by the input's CSV header where they match it, FASTA positions as A1..T{L},
     * else flat indices; a first "name" column when the input named its rows: FASTA records, image
     * files), else a float32 .npy file.
     */
    static void writeResult(Path out, Tensor t, InputFiles names) throws IOException {
        if (!out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            writeNpy(out, t);
            return;
        }
        int[] shape = t.shape();
        int rows = shape.length == 0 ? 1 : shape[0];
        int cols = rows == 0 ? 0 : Shape.numel(shape) / rows;
        List<String> header = new ArrayList<>();
        if (names.featureNames != null && names.featureNames.size() == cols && shape.length == 2) {
            header.addAll(names.featureNames);
        } else if (names.fasta && shape.length == 3 && shape[1] == 4) {
            for (char base : "ACGT".toCharArray()) for (int i = 1; i <= shape[2]; i++) header.add(base + Integer.toString(i));
        } else {
            for (int k = 0; k < cols; k++) header.add(flatName(shape, k));
        }
        List<String> rowLabels = names.rowNames != null && names.rowNames.size() == rows ? names.rowNames : null;
        org.xai4j.engine.io.data.CsvWriter.write(out, header, "name", rowLabels, t.contiguous().toArray());
    }

    /** Column k of a row of shape[1..]: its index, or its index tuple joined by '_' (e.g. 2_13_7 for channel 2, y 13, x 7). */
    private static String flatName(int[] shape, int k) {
        if (shape.length <= 2) return Integer.toString(k);
        String name = "";
        for (int a = shape.length - 1; a >= 1; a--) {
            name = (k % shape[a]) + (name.isEmpty() ? "" : "_" + name);
            k /= shape[a];
        }
        return name;
    }

    /** Writes a tensor as a float32 .npy file, atomically (a failed run leaves no partial file). */
    static void writeNpy(Path out, Tensor t) throws IOException {
        Npy.write(out, HostArray.ofFloat(t.shape(), t.toArray()));
    }
}
