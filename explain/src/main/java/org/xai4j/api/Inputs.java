package org.xai4j.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.data.CsvReader;
import org.xai4j.engine.io.data.CsvTable;
import org.xai4j.engine.io.data.DataFileException;
import org.xai4j.engine.io.data.FastaReader;
import org.xai4j.engine.io.data.FastaRecords;
import org.xai4j.engine.io.data.ImageBatch;
import org.xai4j.engine.io.data.ImageOptions;
import org.xai4j.engine.io.data.ImageReader;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * A batch of rows to explain (or to use as baselines or background), float32 with axis 0 the rows: from
 * an array, or from the files people hold through the readers that {@code xai} uses (CSV with a header,
 * PNG/JPEG as torchvision's {@code ToTensor}, FASTA one-hot in A, C, G, T order, {@code .npy}). The names a
 * file brings (CSV columns, FASTA records, image files) are kept. Immutable.
 */
public final class Inputs {
    private final Tensor tensor;
    private final Path file;
    private final List<String> rowNames;
    private final List<String> featureNames;

    private Inputs(Tensor tensor, Path file, List<String> rowNames, List<String> featureNames) {
        this.tensor = tensor;
        this.file = file;
        this.rowNames = rowNames;
        this.featureNames = featureNames;
    }

    /**
     * Rows from values in row-major order.
     *
     * @param values not modified (copied)
     * @param shape  (N, ...); its product must be {@code values.length}
     * @return the rows
     * @throws InputException a shape that does not hold the values, no rows, or a value that is not finite
     */
    public static Inputs of(float[] values, int... shape) {
        return of(values, shape, null, null, null);
    }

    /**
     * Tabular rows (N, F) from one array per row, all of the same length.
     *
     * @param rows one array of F values per row; not modified
     * @return the rows
     * @throws InputException no rows, rows of different lengths, a value that is not finite
     */
    public static Inputs of(float[][] rows) {
        if (rows.length == 0) throw new InputException(null, null, "at least one row", "0 rows", "no rows given", null);
        int f = rows[0].length;
        float[] v = new float[rows.length * f];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != f) {
                throw new InputException(null, null, f + " values", rows[r].length + " values",
                        "row " + r + " has " + rows[r].length + " values, row 0 has " + f, null);
            }
            System.arraycopy(rows[r], 0, v, r * f, f);
        }
        return of(v, new int[] {rows.length, f});
    }

    /**
     * A {@code .npy} file (any numeric dtype, converted to float32).
     *
     * @param file the {@code .npy} file
     * @return its rows
     * @throws InputException a file that cannot be read or is not {@code .npy}
     */
    public static Inputs npy(Path file) {
        try {
            HostArray a = Npy.read(file);
            return of(a.toFloatArray(), a.shape(), file, null, null);
        } catch (IOException e) {
            throw fileError(file, e);
        }
    }

    /**
     * A CSV file: a header row names the columns; every cell read must be a number.
     *
     * @param file    the CSV file
     * @param columns the columns to read, in this order; none for every column
     * @return its rows, with the columns' names in {@link #featureNames()}
     * @throws InputException a missing column, a text or empty cell (naming row and column)
     */
    public static Inputs csv(Path file, String... columns) {
        try {
            CsvTable t = CsvReader.read(file, columns.length == 0 ? null : List.of(columns));
            return of(t.values().toFloatArray(), t.values().shape(), file, null, t.columns());
        } catch (IOException e) {
            throw fileError(file, e);
        }
    }

    /**
     * PNG/JPEG files, or folders of them (sorted by name), as one (N, C, H, W) batch in [0, 1] as
     * torchvision's {@code ToTensor}, then resized and normalized as {@code options} say.
     *
     * @param options channels, resize and normalization ({@link ImageOptions#DEFAULT}: RGB as read)
     * @param files   image files or folders of them
     * @return an (N, C, H, W) batch, with the files' names in {@link #rowNames()}
     * @throws InputException images of different sizes without a resize (naming the file), an unreadable image
     */
    public static Inputs images(ImageOptions options, Path... files) {
        try {
            ImageBatch b = ImageReader.read(List.of(files), options);
            List<String> names = b.files().stream().map(p -> p.getFileName().toString()).toList();
            return of(b.pixels().toFloatArray(), b.pixels().shape(), files.length == 1 ? files[0] : null, names, null);
        } catch (IOException e) {
            throw fileError(files.length == 0 ? null : files[0], e);
        }
    }

    /**
     * A FASTA file as one-hot (N, 4, L) in A, C, G, T order; N and the other IUPAC letters are all zeros.
     *
     * @param file the FASTA file
     * @return an (N, 4, L) batch, with the records' names in {@link #rowNames()}
     * @throws InputException records of different lengths (naming the record)
     */
    public static Inputs fasta(Path file) {
        try {
            FastaRecords r = FastaReader.read(file);
            return of(r.oneHot().toFloatArray(), r.oneHot().shape(), file, r.names(), null);
        } catch (IOException e) {
            throw fileError(file, e);
        }
    }

    /**
     * A file by its extension, as {@code xai}'s {@code --input}: .csv, .fa/.fasta/.fna, .png/.jpg/.jpeg or a
     * folder (images with {@link ImageOptions#DEFAULT}), anything else .npy.
     *
     * @param file the file or folder
     * @return its rows
     * @throws InputException what the reader refuses
     */
    public static Inputs read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file) || ImageReader.isImage(file)) return images(ImageOptions.DEFAULT, file);
        if (name.endsWith(".csv")) return csv(file);
        if (name.endsWith(".fa") || name.endsWith(".fasta") || name.endsWith(".fna")) return fasta(file);
        return npy(file);
    }

    private static Inputs of(float[] values, int[] shape, Path file, List<String> rows, List<String> features) {
        String where = file == null ? "" : file + ": ";
        long n = 1;
        for (int d : shape) n *= d;
        if (shape.length == 0 || shape[0] == 0 || n != values.length || Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new InputException(file, null, values.length + " values in (N, ...) with N >= 1", Shape.str(shape),
                    where + "shape " + Shape.str(shape) + " does not hold " + values.length + " values in at least one row", null);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InputException(file, null, "finite values", Float.toString(values[i]),
                        where + "element " + i + " is " + values[i] + "; the explanations need finite inputs", null);
            }
        }
        return new Inputs(Tensor.of(values.clone(), shape.clone()), file, rows, features);
    }

    private static InputException fileError(Path file, IOException e) {
        Path at = e instanceof DataFileException d ? d.file() : file;
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return new InputException(at, null, null, null, m.contains(String.valueOf(at)) ? m : at + ": " + m, e);
    }

    /** {@return the shape, (N, ...)} */
    public int[] shape() {
        return tensor.shape().clone();
    }

    /** {@return the values in row-major order (a copy)} */
    public float[] data() {
        return tensor.contiguous().toArray().clone();
    }

    /** {@return the file read; null for arrays or several images} */
    public Path file() {
        return file;
    }

    /** {@return the rows' names (FASTA records, image files); null when the source has none} */
    public List<String> rowNames() {
        return rowNames;
    }

    /** {@return the CSV header's names of the columns read; null for other sources} */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The engine's tensor (not modified by any method). */
    Tensor tensor() {
        return tensor;
    }
}
