package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

/**
 * The readers through the command line: the same rows as CSV, PNG or FASTA give the same bits as the same
 * values as .npy; what a reader refuses is a usage error (exit 2) naming the file and the row and column,
 * or the record; tabular outputs written as CSV with a header.
 */
class CliReadersTest {
    static final String[] IRIS_FEATURES = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    @TempDir
    Path tmp;

    /** The iris rows as pandas would write them, with a text column and the feature columns shuffled. */
    Path irisCsv() throws Exception {
        HostArray x = Npy.read(captum("iris_mlp", "input.npy"));
        float[] v = x.toFloatArray();
        StringBuilder s = new StringBuilder("petal_width,species,sepal_length,\"sepal_width\",petal_length\n");
        for (int r = 0; r < x.shape()[0]; r++) {
            // Float.toString: the shortest decimal that reads back to the same float32 (as numpy's repr)
            s.append(v[r * 4 + 3]).append(",\"Iris, maybe\",").append(v[r * 4]).append(',').append(v[r * 4 + 1]).append(',')
                    .append(v[r * 4 + 2]).append('\n');
        }
        return Files.writeString(tmp.resolve("iris.csv"), s);
    }

    @Test
    void irisAsCsvGivesTheSamePredictionsAndAttributionsAsNpy() throws Exception {
        Path csv = irisCsv();
        String columns = String.join(",", IRIS_FEATURES);
        String model = captum("iris_mlp", "model.onnx").toString(), npy = captum("iris_mlp", "input.npy").toString();
        Path p1 = tmp.resolve("p1.npy"), p2 = tmp.resolve("p2.npy");
        assertEquals(0, run("predict", "--model", model, "--input", npy, "--out", p1.toString()).code());
        CliRunner.Result r = run("predict", "--model", model, "--input", csv.toString(), "--columns", columns, "--out", p2.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(read(p1), read(p2));
        for (String method : List.of("integrated-gradients", "kernel-shap", "shapley-sampling")) {
            Path a1 = tmp.resolve(method + "1.npy"), a2 = tmp.resolve(method + "2.npy");
            assertEquals(0, run("explain", "--model", model, "--input", npy, "--method", method, "--out", a1.toString()).code());
            CliRunner.Result e = run("explain", "--model", model, "--input", csv.toString(), "--columns", columns, "--method", method,
                    "--out", a2.toString());
            assertEquals(0, e.code(), e.err());
            assertArrayEquals(read(a1), read(a2), method);
        }
    }

    @Test
    void attributionsAsCsvHaveTheInputsHeaderAndReadBackBitIdentical() throws Exception {
        Path out = tmp.resolve("a.csv"), npy = tmp.resolve("a.npy");
        String model = captum("iris_mlp", "model.onnx").toString();
        String[] common = {"explain", "--model", model, "--input", irisCsv().toString(), "--columns", "sepal_length,sepal_width,petal_length,petal_width",
                "--method", "saliency"};
        CliRunner.Result r = run(concat(common, "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("xai: wrote " + out + ": (6, 4) float32 as CSV in "), r.err());
        assertEquals(0, run(concat(common, "--out", npy.toString())).code());
        List<String> lines = Files.readAllLines(out);
        assertEquals("sepal_length,sepal_width,petal_length,petal_width", lines.get(0));
        assertEquals(7, lines.size());
        float[] want = read(npy);
        for (int row = 0; row < 6; row++) {
            String[] cells = lines.get(row + 1).split(",");
            for (int c = 0; c < 4; c++) assertEquals(want[row * 4 + c], Float.parseFloat(cells[c]), "row " + row + " col " + c);
        }
    }

    @Test
    void aTextCellIsAUsageErrorNamingRowAndColumn() throws Exception {
        Path csv = irisCsv();
        CliRunner.Result r = run("predict", "--model", captum("iris_mlp", "model.onnx").toString(), "--input", csv.toString(),
                "--out", tmp.resolve("p.npy").toString());
        assertEquals(2, r.code());
        assertEquals("xai: " + csv + ": row 2, column 'species': expected a number, got 'Iris, maybe' (--columns selects the numeric columns)",
                r.errLines()[0]);
        Files.writeString(csv, "a,b,c,d\n1,2,,4\n");
        CliRunner.Result empty = run("predict", "--model", captum("iris_mlp", "model.onnx").toString(), "--input", csv.toString(),
                "--out", tmp.resolve("p.npy").toString());
        assertEquals(2, empty.code());
        assertEquals("xai: " + csv + ": row 2, column 'c': empty cell; expected a number", empty.errLines()[0]);
        assertFalse(Files.exists(tmp.resolve("p.npy")));
    }

    @Test
    void pngsGiveToTensorAndNormalizeOfTheirPixels() throws Exception {
        // the image model's two inputs, quantized to 8 bits and saved as PNGs in a folder (read by name)
        HostArray x = Npy.read(captum("image_cnn", "input.npy"));
        float[] v = x.toFloatArray();
        Path folder = Files.createDirectory(tmp.resolve("images"));
        float[] expected = new float[v.length];
        float[] mean = {0.485f, 0.456f, 0.406f}, std = {0.229f, 0.224f, 0.225f};
        for (int n = 1; n >= 0; n--) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int xx = 0; xx < 32; xx++) {
                    int rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        int i = ((n * 3 + c) * 32 + y) * 32 + xx;
                        int level = Math.round(Math.max(0, Math.min(1, v[i])) * 255);
                        rgb = (rgb << 8) | level;
                        // torchvision: ToTensor divides by 255 in float32, Normalize subtracts and divides in float32
                        expected[i] = (level / 255f - mean[c]) / std[c];
                    }
                    img.setRGB(xx, y, rgb);
                }
            }
            ImageIO.write(img, "png", folder.resolve("img" + n + ".png").toFile());
        }
        Path want = tmp.resolve("want.npy");
        Npy.write(want, HostArray.ofFloat(x.shape(), expected));
        String model = captum("image_cnn", "model.onnx").toString();
        for (String method : List.of("saliency", "occlusion")) {
            Path a1 = tmp.resolve(method + "1.npy"), a2 = tmp.resolve(method + "2.npy");
            List<String> extra = method.equals("occlusion") ? List.of("--window", "3,8,8", "--stride", "3,8,8") : List.of();
            List<String> a = new ArrayList<>(List.of("explain", "--model", model, "--method", method));
            a.addAll(extra);
            List<String> b = new ArrayList<>(a);
            a.addAll(List.of("--input", want.toString(), "--out", a1.toString()));
            b.addAll(List.of("--input", folder.toString(), "--normalize", "imagenet", "--out", a2.toString()));
            assertEquals(0, run(a.toArray(String[]::new)).code());
            CliRunner.Result r = run(b.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertArrayEquals(read(a1), read(a2), method);
        }
        // several --input images make one batch, as the folder does
        Path p1 = tmp.resolve("p1.npy"), p2 = tmp.resolve("p2.npy");
        assertEquals(0, run("predict", "--model", model, "--input", folder.toString(), "--normalize", "imagenet", "--out", p1.toString()).code());
        assertEquals(0, run("predict", "--model", model, "--input", folder.resolve("img0.png").toString(), "--input",
                folder.resolve("img1.png").toString(), "--normalize", "0.485,0.456,0.406/0.229,0.224,0.225", "--out", p2.toString()).code());
        assertArrayEquals(read(p1), read(p2));
    }

    @Test
    void imagesOfDifferentSizesAreAUsageErrorNamingTheFileUnlessResized() throws Exception {
        Path a = tmp.resolve("a.png"), b = tmp.resolve("b.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", a.toFile());
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", b.toFile());
        String model = captum("image_cnn", "model.onnx").toString();
        CliRunner.Result r = run("predict", "--model", model, "--input", a.toString(), "--input", b.toString(), "--out",
                tmp.resolve("p.npy").toString());
        assertEquals(2, r.code());
        assertEquals("xai: " + b + ": size 30x40 (HxW), but " + a + " is 32x32; images of one batch need one size (--resize H,W resizes them)",
                r.errLines()[0]);
        CliRunner.Result resized = run("predict", "--model", model, "--input", a.toString(), "--input", b.toString(),
                "--resize", "32,32", "--out", tmp.resolve("p.npy").toString());
        assertEquals(0, resized.code(), resized.err());
        // black images: the model's output for zeros, twice
        float[] p = read(tmp.resolve("p.npy"));
        for (int k = 0; k < p.length / 2; k++) assertEquals(p[k], p[k + p.length / 2]);
        assertEquals(2, run("predict", "--model", model, "--input", a.toString(), "--channels", "cmyk", "--out",
                tmp.resolve("q.npy").toString()).code());
    }

    /** The DNA model's one-hot rows as FASTA (101 bases, wrapped at 60 as FASTA tools do, lower case in one). */
    Path dnaFasta(HostArray x) throws Exception {
        float[] v = x.toFloatArray();
        int n = x.shape()[0], l = x.shape()[2];
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < n; r++) {
            StringBuilder seq = new StringBuilder();
            for (int i = 0; i < l; i++) {
                char base = 'N';
                for (int c = 0; c < 4; c++) if (v[(r * 4 + c) * l + i] == 1f) base = "ACGT".charAt(c);
                seq.append(r == 1 ? Character.toLowerCase(base) : base);
            }
            s.append(">chr1:").append(100 * r).append('-').append(100 * r + l).append('\n');
            s.append(seq, 0, 60).append('\n').append(seq, 60, l).append('\n');
        }
        return Files.writeString(tmp.resolve("seqs.fa"), s);
    }

    @Test
    void fastaGivesAttributionsBitIdenticalToTheOneHotNpy() throws Exception {
        HostArray x = Npy.read(captum("dna_cnn", "input.npy"));
        Path fa = dnaFasta(x);
        String model = captum("dna_cnn", "model.onnx").toString(), npy = captum("dna_cnn", "input.npy").toString();
        for (String method : List.of("saliency", "integrated-gradients", "deeplift")) {
            Path a1 = tmp.resolve(method + "1.npy"), a2 = tmp.resolve(method + "2.npy");
            assertEquals(0, run("explain", "--model", model, "--input", npy, "--method", method, "--out", a1.toString()).code());
            CliRunner.Result r = run("explain", "--model", model, "--input", fa.toString(), "--method", method, "--out", a2.toString());
            assertEquals(0, r.code(), r.err());
            assertArrayEquals(read(a1), read(a2), method);
        }
        // as CSV: one row per record, named by it, columns A1..T101
        Path csv = tmp.resolve("a.csv");
        assertEquals(0, run("explain", "--model", model, "--input", fa.toString(), "--method", "saliency", "--out", csv.toString()).code());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("name,A1,A2,"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",T100,T101"), lines.get(0));
        assertTrue(lines.get(2).startsWith("chr1:100-201,"), lines.get(2));
        float[] want = read(tmp.resolve("saliency1.npy"));
        assertEquals(want[404 + 101 + 7], Float.parseFloat(lines.get(2).split(",")[1 + 101 + 7]), "record 2, C8");
    }

    @Test
    void fastaRecordsOfDifferentLengthsAreAUsageErrorNamingTheRecord() throws Exception {
        Path fa = Files.writeString(tmp.resolve("s.fasta"), ">one\nACGT\n>two\nACGTA\n");
        CliRunner.Result r = run("explain", "--model", captum("dna_cnn", "model.onnx").toString(), "--input", fa.toString(),
                "--method", "saliency", "--out", tmp.resolve("a.npy").toString());
        assertEquals(2, r.code());
        assertEquals("xai: " + fa + ": record 2 'two': length 5, but record 1 'one' has length 4; all records must have the same length",
                r.errLines()[0]);
    }

    @Test
    void importanceAsCsvHoldsMeanStdAndEachRepeatPerNamedFeature() throws Exception {
        Path csv = irisCsv(), labels = tmp.resolve("y.npy"), out = tmp.resolve("imp.csv"), raw = tmp.resolve("imp.npy");
        Npy.write(labels, HostArray.ofLong(new int[] {6}, new long[] {1, 0, 0, 2, 0, 1}));
        String[] args = {"importance", "--model", captum("iris_mlp", "model.onnx").toString(), "--data", csv.toString(),
                "--columns", String.join(",", IRIS_FEATURES), "--labels", labels.toString(), "--metric", "logloss", "--repeats", "3"};
        CliRunner.Result r = run(concat(args, "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(0, run(concat(args, "--out", raw.toString())).code());
        List<String> lines = Files.readAllLines(out);
        assertEquals("feature,mean,std,repeat1,repeat2,repeat3", lines.get(0));
        float[] drops = read(raw);
        for (int f = 0; f < 4; f++) {
            String[] cells = lines.get(f + 1).split(",");
            assertEquals(IRIS_FEATURES[f], cells[0]);
            double mean = 0;
            for (int k = 0; k < 3; k++) {
                assertEquals(drops[f * 3 + k], Float.parseFloat(cells[3 + k]));
                mean += drops[f * 3 + k] / 3.0;
            }
            assertEquals(mean, Float.parseFloat(cells[1]), 1e-6 * Math.max(1, Math.abs(mean)));
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
