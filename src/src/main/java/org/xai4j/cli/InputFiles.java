package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import picocli.CommandLine.Option;

/**
 * The readers behind {@code --input}, {@code --data}, {@code --background} and {@code --baseline}, picked by
 * the file's extension: .csv (a header row, numeric columns), .png/.jpg/.jpeg or a folder of them (an
 * (N, C, H, W) batch as torchvision's ToTensor makes it), .fa/.fasta/.fna (one-hot DNA), anything else
 * .npy. A file whose contents the reader refuses (a text cell, images of different sizes, records of
 * different lengths) is a usage error naming the file and the row, column or record. The options are a
 * picocli mixin of the commands that read inputs; the names the primary input brings (CSV columns,
 * FASTA records) label the rows and columns of tabular outputs.
 */
final class InputFiles {
    @Option(names = "--columns", split = ",", paramLabel = "A,B,..",
            description = "CSV inputs: the columns to read, in this order (default: every column; each must be numeric)")
    List<String> columns;

    @Option(names = "--channels", paramLabel = "rgb|bgr|gray", defaultValue = "rgb",
            description = "image inputs: channel order, or one gray channel as PIL's convert('L') (default: ${DEFAULT-VALUE})")
    String channels;

    @Option(names = "--resize", split = ",", paramLabel = "H,W",
            description = "image inputs: resize to H x W, bilinear as torchvision's Resize on tensors without antialias (default: the files' size)")
    int[] resize;

    @Option(names = "--normalize", paramLabel = "imagenet|M1,M2,M3/S1,S2,S3",
            description = "image inputs: subtract the per-channel mean and divide by the std, as torchvision's Normalize (default: none)")
    String normalize;

    /** The column names of the primary input (CSV header, or null), for tabular outputs. */
    List<String> featureNames;

    /** The row names of the primary input (FASTA records, image files, or null), for tabular outputs. */
    List<String> rowNames;

    /** True when the primary input was FASTA: its (N, 4, L) results have columns A1..T{L}. */
    boolean fasta;

    /** One array read from a file (or a folder of images), with the names it brought. */
    record Loaded(HostArray array, Path file, List<String> columns, List<String> rows, boolean fasta) {
        Loaded(HostArray array, Path file, List<String> columns, List<String> rows) {
            this(array, file, columns, rows, false);
        }
    }

    /** True for paths that the image reader takes: an image file, or a folder (of images). */
    static boolean isImage(Path p) {
        return Files.isDirectory(p) || ImageReader.isImage(p);
    }

    /**
     * The arrays for the model's inputs: several image paths (files or folders) make one batch for one
     * input; otherwise each file is one input. The first array's names become the primary names.
     */
    List<Loaded> readModelInputs(List<Path> files) throws IOException {
        List<Loaded> out = new ArrayList<>();
        if (files.size() > 1 && files.stream().allMatch(InputFiles::isImage)) {
            out.add(readImages(files));
        } else {
            for (Path f : files) out.add(read(f));
        }
        if (!out.isEmpty()) {
            featureNames = out.get(0).columns();
            rowNames = out.get(0).rows();
            fasta = out.get(0).fasta();
        }
        return out;
    }

    /** One array from one file (or folder of images), by its extension. */
    Loaded read(Path file) throws IOException {
        if (isImage(file)) return readImages(List.of(file));
        CliFiles.requireFile(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                CsvTable t = CsvReader.read(file, columns);
                return new Loaded(t.values(), file, t.columns(), null);
            }
            if (name.endsWith(".fa") || name.endsWith(".fasta") || name.endsWith(".fna")) {
                FastaRecords r = FastaReader.read(file);
                return new Loaded(r.oneHot(), file, null, r.names(), true);
            }
        } catch (DataFileException e) {
            throw new Main.UsageError(e.getMessage());
        }
        return new Loaded(Npy.read(file), file, null, null);
    }

    private Loaded readImages(List<Path> paths) throws IOException {
        for (Path p : paths) if (!Files.isDirectory(p)) CliFiles.requireFile(p);
        try {
            ImageBatch b = ImageReader.read(paths, imageOptions());
            List<String> rows = b.files().stream().map(f -> f.getFileName().toString()).toList();
            return new Loaded(b.pixels(), paths.get(0), null, rows);
        } catch (DataFileException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    /** --channels, --resize and --normalize, checked. */
    ImageOptions imageOptions() {
        try {
            float[][] ms = normalize == null ? new float[][] {null, null} : ImageOptions.parseNormalize(normalize);
            return new ImageOptions(ImageOptions.Channels.parse(channels == null ? "rgb" : channels), resize, ms[0], ms[1]);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }
}
