package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

/** xai explain / importance / pdp: invariances, seeds, the IG delta, timings and usage errors. */
class ExplainCommandTest {
    @TempDir
    Path tmp;

    private float[] explain(String model, String out, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("explain", "--model", captum(model, "model.onnx").toString(),
                "--input", captum(model, "input.npy").toString(), "--out", tmp.resolve(out).toString()));
        a.addAll(Arrays.asList(args));
        CliRunner.Result r = run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return read(tmp.resolve(out));
    }

    @Test
    void resultsDoNotDependOnBatchSize() throws Exception {
        // image_cnn: 2 rows; IG evaluates 100 points, occlusion 2 x 49 windows
        for (String[] method : List.of(new String[] {"--method", "integrated-gradients"},
                new String[] {"--method", "occlusion", "--window", "3,8,8", "--stride", "3,4,4"})) {
            float[] ref = null;
            for (String b : List.of("1", "7", "100")) {
                String[] args = Arrays.copyOf(method, method.length + 2);
                args[method.length] = "--batch-size";
                args[method.length + 1] = b;
                float[] got = explain("image_cnn", "bs" + b + ".npy", args);
                if (ref == null) ref = got;
                else assertArrayEquals(ref, got, method[1] + " with --batch-size " + b);
            }
        }
    }

    @Test
    void sameSeedSameSmoothGradOtherSeedDifferent() throws Exception {
        float[] a = explain("iris_mlp", "a.npy", "--method", "smoothgrad", "--samples", "8", "--stdev", "0.3", "--seed", "5");
        float[] b = explain("iris_mlp", "b.npy", "--method", "smoothgrad", "--samples", "8", "--stdev", "0.3", "--seed", "5");
        float[] c = explain("iris_mlp", "c.npy", "--method", "smoothgrad", "--samples", "8", "--stdev", "0.3", "--seed", "6");
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void integratedGradientsReportsItsConvergenceDelta() throws Exception {
        Path delta = tmp.resolve("delta.npy");
        CliRunner.Result r = run("explain", "--model", captum("iris_mlp", "model.onnx").toString(),
                "--input", captum("iris_mlp", "input.npy").toString(), "--method", "integrated-gradients",
                "--delta-out", delta.toString(), "--out", tmp.resolve("ig.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("convergence delta per row"), r.err());
        float[] d = read(delta), attr = read(tmp.resolve("ig.npy"));
        assertEquals(6, d.length);
        // completeness: sum of attributions = f(x) - f(b) up to delta. The ReLU kinks limit 50 Gauss-Legendre
        // nodes to |delta| ~1e-2 |f(x) - f(b)| on this model (Captum's numbers, which we match, have the same)
        for (int r0 = 0; r0 < 6; r0++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += attr[r0 * 4 + j];
            double gap = sum - d[r0];
            assertTrue(Math.abs(d[r0]) < 2e-2 * Math.abs(gap), "row " + r0 + ": delta " + d[r0] + " for f(x) - f(b) = " + gap);
        }
    }

    @Test
    void deepLiftWritesItsSummationDelta() throws Exception {
        // any method with a convergence delta writes it (the registry's extra), not integrated-gradients alone
        Path delta = tmp.resolve("dl-delta.npy");
        CliRunner.Result r = run("explain", "--model", captum("iris_mlp", "model.onnx").toString(),
                "--input", captum("iris_mlp", "input.npy").toString(), "--method", "deeplift",
                "--delta-out", delta.toString(), "--out", tmp.resolve("dl.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("convergence delta per row"), r.err());
        float[] d = read(delta), attr = read(tmp.resolve("dl.npy"));
        assertEquals(6, d.length);
        // summation-to-delta holds exactly for the rescale rule on a ReLU MLP: what is left is float32 rounding
        for (int r0 = 0; r0 < 6; r0++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += Math.abs(attr[r0 * 4 + j]);
            assertTrue(Math.abs(d[r0]) < 1e-5 * Math.max(1, sum), "row " + r0 + ": delta " + d[r0]);
        }
    }

    @Test
    void repeatPrintsMedianAndMinimum() {
        CliRunner.Result r = run("explain", "--model", captum("iris_mlp", "model.onnx").toString(),
                "--input", captum("iris_mlp", "input.npy").toString(), "--method", "saliency", "--repeat", "5",
                "--out", tmp.resolve("s.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s)xai: saliency: median [0-9.]+ ms, min [0-9.]+ ms over 5 runs.*"), r.err());
    }

    @Test
    void usageErrorsAreClear() {
        String model = captum("image_cnn", "model.onnx").toString(), input = captum("image_cnn", "input.npy").toString();
        String out = tmp.resolve("never.npy").toString();
        CliRunner.Result unknown = run("explain", "--model", model, "--input", input, "--method", "magic", "--out", out);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("xai: --method: unknown method 'magic'; known: saliency, "), unknown.err());
        CliRunner.Result layer = run("explain", "--model", model, "--input", input, "--method", "grad-cam", "--layer", "/nope", "--out", out);
        assertEquals(2, layer.code());
        assertEquals("xai: --layer: no tensor named '/nope' in the model; xai layers lists them", layer.errLines()[0]);
        CliRunner.Result target = run("explain", "--model", model, "--input", input, "--method", "saliency", "--target", "9", "--out", out);
        assertEquals(2, target.code());
        assertTrue(target.err().startsWith("xai: --target: target 9 of row 0 is outside the model's 5 output columns"), target.err());
        CliRunner.Result option = run("explain", "--model", model, "--input", input, "--method", "occlusion", "--window", "3,8,8",
                "--steps", "5", "--out", out);
        assertEquals(2, option.code());
        assertEquals("xai: occlusion does not take --steps; it takes --baseline, --stride, --window", option.errLines()[0]);
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void camAndAutoLayerOnTheImageModel() throws Exception {
        float[] auto = explain("image_cnn", "auto.npy", "--method", "grad-cam", "--layer", "auto");
        float[] named = explain("image_cnn", "named.npy", "--method", "grad-cam", "--layer", "/r2/Relu_output_0");
        assertArrayEquals(named, auto);
        // CAM = Grad-CAM for a GAP + linear head (Zhou et al. 2016; Selvaraju et al. 2017, section 3.1) up to the
        // 1/(h*w) of the gradient average: the maps are proportional, so compare normalized maps
        float[] cam = explain("image_cnn", "cam.npy", "--method", "cam", "--layer", "/r2/Relu_output_0");
        assertEquals(named.length, cam.length);
        double ratio = cam[0] / named[0];
        for (int i = 0; i < cam.length; i++) assertEquals(cam[i], named[i] * ratio, 1e-4 * Math.abs(cam[i]) + 1e-5);
    }

    @Test
    void importanceRanksAndPdpWrites() throws Exception {
        // labels: the example model's own predictions, so the baseline accuracy is 1
        float[] logits = read(example("expected_predict.npy"));
        long[] y = new long[logits.length / 3];
        for (int r = 0; r < y.length; r++) {
            int best = 0;
            for (int k = 1; k < 3; k++) if (logits[r * 3 + k] > logits[r * 3 + best]) best = k;
            y[r] = best;
        }
        Path labels = tmp.resolve("y.npy");
        Npy.write(labels, HostArray.ofLong(new int[] {y.length}, y));
        Path imp = tmp.resolve("imp.npy");
        CliRunner.Result r = run("importance", "--model", example("model.onnx").toString(), "--data", example("input.npy").toString(),
                "--labels", labels.toString(), "--metric", "accuracy", "--repeats", "4", "--seed", "1", "--out", imp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("baseline accuracy: 1.000000"), r.out());
        assertArrayEquals(new int[] {4, 4}, Npy.read(imp).shape());
        Path pdp = tmp.resolve("pdp.npy");
        CliRunner.Result p = run("pdp", "--model", example("model.onnx").toString(), "--data", example("input.npy").toString(),
                "--feature", "0", "--grid", "6", "--ice", "--out", pdp.toString());
        assertEquals(0, p.code(), p.err());
        assertArrayEquals(new int[] {3, 6}, Npy.read(pdp).shape());
        assertArrayEquals(new int[] {1, 6}, Npy.read(tmp.resolve("pdp.grid.npy")).shape());
        assertArrayEquals(new int[] {8, 3, 6}, Npy.read(tmp.resolve("pdp.ice.npy")).shape());
        float[] grid = read(tmp.resolve("pdp.grid.npy"));
        for (int i = 1; i < grid.length; i++) assertTrue(grid[i] > grid[i - 1], "grid increases");
        // the PDP is the mean of the ICE curves
        float[] avg = read(pdp), ice = read(tmp.resolve("pdp.ice.npy"));
        for (int k = 0; k < 3; k++) {
            for (int g = 0; g < 6; g++) {
                double s = 0;
                for (int row = 0; row < 8; row++) s += ice[(row * 3 + k) * 6 + g];
                assertEquals(s / 8, avg[k * 6 + g], 1e-5);
            }
        }
    }
}
