package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Targets;
import org.xai4j.explain.dataset.Metric;
import org.xai4j.explain.dataset.PermutationImportance;
import org.xai4j.explain.dataset.PermutationImportanceOptions;
import org.xai4j.explain.dataset.PermutationImportanceResult;

/**
 * xai importance and xai pdp on the iris MLP over 40 synthetic standardized rows: the numbers against
 * an independent computation (the Java API, or forward passes done here), scikit-learn's grid rule by
 * hand, CSV against .npy, and --batch-size invariance.
 */
class ExplainDatasetCommandsTest {
    static final int ROWS = 40, FEATURES = 4, CLASSES = 3;

    @TempDir
    Path tmp;

    Path model, data, labels;
    OnnxGraphModel loaded;
    float[] x;

    @BeforeEach
    void data() throws Exception {
        model = captum("iris_mlp", "model.onnx");
        loaded = OnnxModelLoader.load(model);
        x = new float[ROWS * FEATURES];
        // distinct values in about [-1.7, 1.7], like standardized iris measurements
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < FEATURES; j++) x[r * FEATURES + j] = (float) (1.7 * Math.sin(1.3 * r + 0.7 * j * j + j + 0.1));
        }
        data = tmp.resolve("x.npy");
        Npy.write(data, HostArray.ofFloat(new int[] {ROWS, FEATURES}, x));
        // labels: the model's own classes, so the unpermuted accuracy is 1 and every drop is >= 0
        int[] y = Targets.argmax(forward(x));
        long[] yl = new long[ROWS];
        for (int r = 0; r < ROWS; r++) yl[r] = y[r];
        labels = tmp.resolve("y.npy");
        Npy.write(labels, HostArray.ofLong(new int[] {ROWS}, yl));
    }

    private Tensor forward(float[] rows) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return loaded.forward(Tensor.of(rows, rows.length / FEATURES, FEATURES)).contiguous();
        }
    }

    @Test
    void importanceTableAndFileMatchTheApi() throws Exception {
        Path out = tmp.resolve("imp.npy");
        CliRunner.Result r = run("importance", "--model", model.toString(), "--data", data.toString(), "--labels", labels.toString(),
                "--metric", "accuracy", "--repeats", "6", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        PermutationImportanceResult api = new PermutationImportance(new PermutationImportanceOptions(Metric.ACCURACY, 6, 3L, null, 64))
                .compute(loaded, Tensor.of(x, ROWS, FEATURES), Tensor.of(read(labels), ROWS));
        assertEquals(1.0, api.baselineScore(), 0.0);
        assertArrayEquals(new int[] {FEATURES, 6}, Npy.read(out).shape());
        float[] file = read(out);
        String[] lines = r.out().split("\n");
        assertEquals("baseline accuracy: 1.000000", lines[0]);
        assertTrue(lines[1].matches("feature\\s+mean\\s+std"), lines[1]);
        double total = 0;
        for (int f = 0; f < FEATURES; f++) {
            for (int k = 0; k < 6; k++) {
                assertEquals((float) api.importances()[f][k], file[f * 6 + k], 0f, "feature " + f + " repeat " + k);
                // accuracy drops are multiples of 1/40 between 0 and 1 (labels are the model's predictions)
                double steps = file[f * 6 + k] * ROWS;
                assertEquals(Math.rint(steps), steps, 1e-4);
                assertTrue(file[f * 6 + k] >= 0 && file[f * 6 + k] <= 1);
            }
            String[] cells = lines[2 + f].trim().split("\\s+");
            assertEquals(String.valueOf(f), cells[0]);
            assertEquals(api.mean()[f], Double.parseDouble(cells[1]), 5e-7);
            assertEquals(api.std()[f], Double.parseDouble(cells[2]), 5e-7);
            double mean = 0;
            for (int k = 0; k < 6; k++) mean += file[f * 6 + k] / 6.0;
            assertEquals(mean, api.mean()[f], 1e-6);
            total += mean;
        }
        assertTrue(total > 0.1, "permuting the features of a trained classifier costs accuracy: " + total);
        System.out.println("importance (accuracy drop) per feature: " + Arrays.toString(api.mean()));
    }

    @Test
    void importanceDoesNotDependOnBatchSize() throws Exception {
        float[] ref = null;
        for (String b : List.of("1", "7", "64")) {
            Path out = tmp.resolve("imp" + b + ".npy");
            CliRunner.Result r = run("importance", "--model", model.toString(), "--data", data.toString(), "--labels", labels.toString(),
                    "--metric", "logloss", "--repeats", "3", "--seed", "9", "--batch-size", b, "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            float[] got = read(out);
            if (ref == null) ref = got;
            else assertArrayEquals(ref, got, "--batch-size " + b);
        }
    }

    @Test
    void pdpGridIsScikitLearnsAndValuesAreMeansOfForwardPasses() throws Exception {
        Path out = tmp.resolve("pdp.npy");
        CliRunner.Result r = run("pdp", "--model", model.toString(), "--data", data.toString(), "--feature", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(new int[] {CLASSES, 20}, Npy.read(out).shape());
        assertArrayEquals(new int[] {1, 20}, Npy.read(tmp.resolve("pdp.grid.npy")).shape());
        float[] grid = read(tmp.resolve("pdp.grid.npy"));
        // 40 distinct values > 20 grid points: 20 evenly spaced points between scipy's mquantiles (alphap = betap = 0.4)
        // at 5 % and 95 %; by hand for n = 40: 5 %: n p + m = 2.41 -> 0.59 x(2) + 0.41 x(3); 95 %: 38.59 -> 0.41 x(38) + 0.59 x(39)
        double[] column = new double[ROWS];
        for (int i = 0; i < ROWS; i++) column[i] = x[i * FEATURES + 2];
        Arrays.sort(column);
        double lo = 0.59 * column[1] + 0.41 * column[2], hi = 0.41 * column[37] + 0.59 * column[38];
        for (int k = 0; k < 20; k++) {
            assertEquals(lo + (hi - lo) * k / 19, grid[k], 1e-6, "grid point " + k);
            if (k > 0) assertTrue(grid[k] > grid[k - 1], "grid increases");
        }
        float[] pd = read(out);
        for (int k = 0; k < 20; k++) {
            float[] set = x.clone();
            for (int i = 0; i < ROWS; i++) set[i * FEATURES + 2] = grid[k];
            float[] y = forward(set).toArray();
            for (int c = 0; c < CLASSES; c++) {
                double mean = 0;
                for (int i = 0; i < ROWS; i++) mean += y[i * CLASSES + c];
                mean /= ROWS;
                assertEquals(mean, pd[c * 20 + k], 1e-5, "class " + c + " grid point " + k);
            }
        }
    }

    @Test
    void pdpTargetCsvTwoFeaturesAndBatchSize() throws Exception {
        Path all = tmp.resolve("all.npy"), one = tmp.resolve("one.npy"), small = tmp.resolve("small.npy"), csv = tmp.resolve("pdp.csv");
        assertEquals(0, run("pdp", "--model", model.toString(), "--data", data.toString(), "--feature", "0", "--grid", "8",
                "--out", all.toString()).code());
        assertEquals(0, run("pdp", "--model", model.toString(), "--data", data.toString(), "--feature", "0", "--grid", "8",
                "--target", "1", "--out", one.toString()).code());
        assertEquals(0, run("pdp", "--model", model.toString(), "--data", data.toString(), "--feature", "0", "--grid", "8",
                "--batch-size", "3", "--out", small.toString()).code());
        float[] full = read(all);
        assertArrayEquals(full, read(small), "--batch-size 3");
        assertArrayEquals(new int[] {1, 8}, Npy.read(one).shape());
        assertArrayEquals(Arrays.copyOfRange(full, 8, 16), read(one), "--target 1 is row 1 of the full result");

        // CSV: header, one line per grid point, values as in the .npy (6 significant digits)
        CliRunner.Result c = run("pdp", "--model", model.toString(), "--data", data.toString(), "--feature", "0", "--grid", "8",
                "--out", csv.toString());
        assertEquals(0, c.code(), c.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("kind,row,x0,out0,out1,out2", lines.get(0));
        assertEquals(9, lines.size());
        float[] grid = read(tmp.resolve("all.grid.npy"));
        for (int k = 0; k < 8; k++) {
            String[] cells = lines.get(1 + k).split(",", -1);
            assertEquals("pdp", cells[0]);
            assertEquals(grid[k], Double.parseDouble(cells[2]), 1e-5 * Math.abs(grid[k]) + 1e-6);
            for (int cl = 0; cl < CLASSES; cl++) {
                double v = full[cl * 8 + k];
                assertEquals(v, Double.parseDouble(cells[3 + cl]), 1e-5 * Math.abs(v) + 1e-6);
            }
        }

        // 2-D: (C, G1, G2) with the Cartesian grid; one cell checked by forward passes here
        Path two = tmp.resolve("two.npy");
        CliRunner.Result t = run("pdp", "--model", model.toString(), "--data", data.toString(), "--feature", "1", "--feature", "3",
                "--grid", "5", "--out", two.toString());
        assertEquals(0, t.code(), t.err());
        assertArrayEquals(new int[] {CLASSES, 5, 5}, Npy.read(two).shape());
        float[] g = read(tmp.resolve("two.grid.npy"));
        assertEquals(10, g.length);
        float[] set = x.clone();
        for (int i = 0; i < ROWS; i++) {
            set[i * FEATURES + 1] = g[2];
            set[i * FEATURES + 3] = g[5 + 4];
        }
        float[] y = forward(set).toArray();
        float[] pd2 = read(two);
        for (int cl = 0; cl < CLASSES; cl++) {
            double mean = 0;
            for (int i = 0; i < ROWS; i++) mean += y[i * CLASSES + cl];
            assertEquals(mean / ROWS, pd2[(cl * 5 + 2) * 5 + 4], 1e-5);
        }
    }
}
