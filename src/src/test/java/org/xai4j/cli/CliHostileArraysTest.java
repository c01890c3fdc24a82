package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

/**
 * Hostile arrays in every role (issue 18): NaN, infinities and float64 values beyond float32's range
 * as input, data, baseline, baselines, background and labels; fractional and NaN feature masks; bad
 * targets; zero rows for every method. Each refusal is exit 2 with one line naming the file and where
 * the value sits (row and index), and the output folder is unchanged; --allow-nonfinite lets data through.
 */
class CliHostileArraysTest {
    @TempDir
    Path tmp;

    private static final String MODEL = captum("iris_mlp", "model.onnx").toString();
    private static final int ROWS = 6, FEATURES = 4;

    /** A role: the command line with {@code FILE} where the hostile array goes, and the shape it must have. */
    record Role(String name, int[] shape, String... args) {}

    private static final List<Role> ROLES = List.of(
            new Role("predict --input", new int[] {ROWS, FEATURES}, "predict", "--input", "FILE"),
            new Role("explain --input", new int[] {ROWS, FEATURES}, "explain", "--method", "saliency", "--input", "FILE"),
            new Role("kernel-shap --input", new int[] {ROWS, FEATURES}, "explain", "--method", "kernel-shap", "--input", "FILE"),
            new Role("pdp --data", new int[] {ROWS, FEATURES}, "pdp", "--feature", "0", "--data", "FILE"),
            new Role("importance --data", new int[] {ROWS, FEATURES}, "importance", "--metric", "accuracy", "--labels", "LABELS", "--data", "FILE"),
            new Role("integrated-gradients --baseline", new int[] {1, FEATURES}, "explain", "--method", "integrated-gradients", "--input", "INPUT", "--baseline", "FILE"),
            new Role("feature-ablation --baseline", new int[] {1, FEATURES}, "explain", "--method", "feature-ablation", "--input", "INPUT", "--baseline", "FILE"),
            new Role("deeplift --baseline", new int[] {ROWS, FEATURES}, "explain", "--method", "deeplift", "--input", "INPUT", "--baseline", "FILE"),
            new Role("gradient-shap --baselines", new int[] {3, FEATURES}, "explain", "--method", "gradient-shap", "--input", "INPUT", "--baselines", "FILE"),
            new Role("kernel-shap --background", new int[] {3, FEATURES}, "explain", "--method", "kernel-shap", "--input", "INPUT", "--background", "FILE"),
            new Role("lime --background", new int[] {3, FEATURES}, "explain", "--method", "lime", "--input", "INPUT", "--background", "FILE"),
            new Role("linear-shap --background", new int[] {3, FEATURES}, "explain", "--method", "linear-shap", "--input", "INPUT", "--background", "FILE"),
            new Role("importance --labels", new int[] {ROWS}, "importance", "--metric", "mse", "--data", "INPUT", "--labels", "FILE"));

    /** A hostile value: where it goes (a flat index), how the array is stored, and the word the message must hold. */
    record Poison(String name, double value, boolean float64, String word) {}

    private static final List<Poison> POISONS = List.of(
            new Poison("NaN", Double.NaN, false, "NaN"),
            new Poison("+inf", Double.POSITIVE_INFINITY, false, "+inf"),
            new Poison("-inf", Double.NEGATIVE_INFINITY, false, "-inf"),
            new Poison("float64 NaN", Double.NaN, true, "NaN"),
            new Poison("float64 1e39", 1e39, true, "float64 value 1.0E39"),
            new Poison("float64 -1e300", -1e300, true, "float64 value -1.0E300"),
            new Poison("float64 -inf", Double.NEGATIVE_INFINITY, true, "-inf"));

    private String[] command(Role role, Path file, Path out) throws IOException {
        List<String> a = new ArrayList<>();
        for (String s : role.args()) {
            switch (s) {
                case "FILE": a.add(file.toString()); break;
                case "INPUT": a.add(captum("iris_mlp", "input.npy").toString()); break;
                case "LABELS": a.add(labels().toString()); break;
                default: a.add(s);
            }
        }
        a.addAll(List.of("--model", MODEL, "--out", out.toString()));
        return a.toArray(String[]::new);
    }

    private Path labels() throws IOException {
        Path p = tmp.resolve("inputs").resolve("labels.npy");
        if (!Files.exists(p)) Npy.write(p, HostArray.ofLong(new int[] {ROWS}, new long[] {0, 1, 2, 0, 1, 2}));
        return p;
    }

    private Path write(String name, int[] shape, Poison poison, int at) throws IOException {
        int n = 1;
        for (int d : shape) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.1 * ((i * 7) % 11);
        v[at] = poison.value();
        Path p = tmp.resolve("inputs").resolve(name);
        if (poison.float64()) {
            Npy.write(p, HostArray.ofDouble(shape, v));
        } else {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) f[i] = (float) v[i];
            Npy.write(p, HostArray.ofFloat(shape, f));
        }
        return p;
    }

    private static String where(int[] shape, int at) {
        if (shape.length < 2) return "index " + at;
        int row = 1;
        for (int i = 1; i < shape.length; i++) row *= shape[i];
        return "row " + at / row + ", index " + at % row;
    }

    @Test
    void nonFiniteDataIsRefusedInEveryRoleNamingFileRowAndIndex() throws Exception {
        Files.createDirectories(tmp.resolve("inputs"));
        Files.createDirectories(tmp.resolve("outputs"));
        Path out = tmp.resolve("outputs").resolve("r.npy");
        int cases = 0;
        for (Role role : ROLES) {
            for (int p = 0; p < POISONS.size(); p++) {
                Poison poison = POISONS.get(p);
                int n = 1;
                for (int d : role.shape()) n *= d;
                int at = new int[] {0, n / 2 + 1, n - 1}[p % 3];
                Path file = write("p" + cases + ".npy", role.shape(), poison, at);
                FolderSnapshot before = FolderSnapshot.of(tmp.resolve("outputs"));
                CliRunner.Result r = run(command(role, file, out));
                String label = role.name() + " with " + poison.name() + " at " + at;
                assertEquals(2, r.code(), label + ": " + r.err());
                assertEquals(1, r.errLines().length, label + ": " + r.err());
                String line = r.errLines()[0];
                for (String k : List.of(file.toString(), poison.word(), where(role.shape(), at), "--allow-nonfinite")) {
                    assertTrue(line.contains(k), label + ": '" + k + "' not in " + line);
                }
                before.assertUnchanged(tmp.resolve("outputs"), label);
                cases++;
            }
        }
        assertEquals(ROLES.size() * POISONS.size(), cases);
    }

    @Test
    void allowNonfiniteLetsTheDataThrough() throws Exception {
        Files.createDirectories(tmp.resolve("inputs"));
        Poison nan = POISONS.get(0);
        Path x = write("x.npy", new int[] {ROWS, FEATURES}, nan, 5);
        Path out = tmp.resolve("y.npy");
        CliRunner.Result r = run("predict", "--quiet", "--allow-nonfinite", "--model", MODEL, "--input", x.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        // the NaN feature reaches row 1's logits only, and the result says so
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("xai: warning: 3 of 18 output values are not finite (first at row 1, column 0)"), r.err());
        float[] y = CliRunner.read(out);
        for (int i = 0; i < y.length; i++) assertEquals(i / 3 == 1, Float.isNaN(y[i]), "value " + i);
        Path b = write("b.npy", new int[] {1, FEATURES}, POISONS.get(1), 2);
        CliRunner.Result ig = run("explain", "--quiet", "--allow-nonfinite", "--method", "integrated-gradients", "--model", MODEL,
                "--input", captum("iris_mlp", "input.npy").toString(), "--baseline", b.toString(), "--out", tmp.resolve("a.npy").toString());
        assertEquals(0, ig.code(), ig.err());
        assertTrue(ig.err().contains("xai: warning: "), ig.err());
        assertTrue(ig.err().contains("attribution values are not finite"), ig.err());
        CliRunner.Result scalar = run("explain", "--method", "occlusion", "--window", "1", "--baseline", "-Infinity", "--model", MODEL,
                "--input", captum("iris_mlp", "input.npy").toString(), "--out", tmp.resolve("o.npy").toString());
        assertEquals(2, scalar.code(), scalar.err());
        assertEquals("xai: --baseline -inf is not a finite float32 number (--allow-nonfinite lets it through)", scalar.errLines()[0]);
        CliRunner.Result nanScalar = run("explain", "--method", "feature-ablation", "--baseline", "NaN", "--model", MODEL,
                "--input", captum("iris_mlp", "input.npy").toString(), "--out", tmp.resolve("o.npy").toString());
        assertEquals(2, nanScalar.code(), nanScalar.err());
        assertTrue(nanScalar.errLines()[0].startsWith("xai: --baseline NaN is not a finite"), nanScalar.err());
        assertFalse(Files.exists(tmp.resolve("o.npy")));
    }

    @Test
    void featureMasksOfWholeFloatsAreAcceptedAndFractionsRefused() throws Exception {
        String input = captum("iris_mlp", "input.npy").toString();
        Path ints = tmp.resolve("mask_int.npy"), floats = tmp.resolve("mask_f.npy"), doubles = tmp.resolve("mask_d.npy");
        Npy.write(ints, HostArray.ofLong(new int[] {FEATURES}, new long[] {0, 1, 1, 2}));
        Npy.write(floats, HostArray.ofFloat(new int[] {FEATURES}, new float[] {0, 1, 1, 2}));
        Npy.write(doubles, HostArray.ofDouble(new int[] {FEATURES}, new double[] {0, 1, 1, 2}));
        float[] ref = null;
        for (Path mask : List.of(ints, floats, doubles)) {
            Path out = tmp.resolve("a_" + mask.getFileName());
            CliRunner.Result r = run("explain", "--method", "feature-ablation", "--model", MODEL, "--input", input,
                    "--feature-mask", mask.toString(), "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            float[] a = CliRunner.read(out);
            if (ref == null) ref = a;
            else assertArrayEquals(ref, a, 0f, mask.toString());
        }
        // features 1 and 2 share a group, so they get the same attribution in every row
        for (int row = 0; row < ROWS; row++) assertEquals(ref[row * FEATURES + 1], ref[row * FEATURES + 2], 0f);
        double[][] bad = {{0, 1.5, 1, 2}, {0, Double.NaN, 1, 2}, {0, 1, Double.POSITIVE_INFINITY, 2}, {0, 1, 1, 1e12}, {0, -0.25, 1, 2}};
        String[] word = {"1.5", "NaN", "Infinity", "1.0E12", "-0.25"};
        for (String method : List.of("feature-ablation", "shapley-sampling", "kernel-shap", "lime")) {
            for (int k = 0; k < bad.length; k++) {
                Path mask = tmp.resolve("bad" + k + ".npy");
                Npy.write(mask, HostArray.ofDouble(new int[] {FEATURES}, bad[k]));
                FolderSnapshot before = FolderSnapshot.of(tmp);
                CliRunner.Result r = run("explain", "--method", method, "--model", MODEL, "--input", input,
                        "--feature-mask", mask.toString(), "--out", tmp.resolve("never.npy").toString());
                assertEquals(2, r.code(), method + " " + k + ": " + r.err());
                assertEquals(1, r.errLines().length, r.err());
                assertTrue(r.errLines()[0].startsWith("xai: --feature-mask " + mask + ": group labels must be whole numbers, got " + word[k]),
                        r.errLines()[0]);
                before.assertUnchanged(tmp, method);
            }
        }
    }

    @Test
    void badTargetsAreUsageErrors() throws Exception {
        String input = captum("iris_mlp", "input.npy").toString();
        Object[][] cases = {
            {HostArray.ofFloat(new int[] {ROWS}, new float[] {0, 1, 2, 0, 1, 2}), "expected integer column indices"},
            {HostArray.ofLong(new int[] {ROWS}, new long[] {0, 1, -2, 0, 1, 2}), "must be >= 0"},
            {HostArray.ofLong(new int[] {ROWS}, new long[] {0, 1, 99, 0, 1, 2}), "--target"},
            {HostArray.ofLong(new int[] {2, 3}, new long[] {0, 1, 2, 0, 1, 2}), "1-D array"},
            {HostArray.ofLong(new int[] {4}, new long[] {0, 1, 2, 0}), "--target"},
            {HostArray.ofLong(new int[] {ROWS}, new long[] {0, 1, Long.MAX_VALUE, 0, 1, 2}), "not a column index"},
        };
        for (int k = 0; k < cases.length; k++) {
            Path t = tmp.resolve("t" + k + ".npy");
            Npy.write(t, (HostArray) cases[k][0]);
            FolderSnapshot before = FolderSnapshot.of(tmp);
            CliRunner.Result r = run("explain", "--method", "saliency", "--model", MODEL, "--input", input, "--target", t.toString(),
                    "--out", tmp.resolve("never.npy").toString());
            assertEquals(2, r.code(), k + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.errLines()[0].contains((String) cases[k][1]), k + ": " + r.errLines()[0]);
            before.assertUnchanged(tmp, "target " + k);
        }
    }

    @Test
    void zeroRowsGiveTheSameUsageErrorForEveryMethod() throws Exception {
        Path empty = tmp.resolve("empty.npy");
        Npy.write(empty, HostArray.ofFloat(new int[] {0, FEATURES}, new float[0]));
        Path bg = tmp.resolve("bg.npy");
        Npy.write(bg, HostArray.ofFloat(new int[] {2, FEATURES}, new float[] {0, 0, 0, 0, 1, 1, 1, 1}));
        int methods = 0;
        for (String method : org.xai4j.explain.registry.MethodRegistry.names()) {
            List<String> a = new ArrayList<>(List.of("explain", "--method", method, "--model", MODEL, "--input", empty.toString(),
                    "--out", tmp.resolve("never.npy").toString()));
            if (method.equals("occlusion")) a.addAll(List.of("--window", "1"));
            if (method.equals("linear-shap")) a.addAll(List.of("--background", bg.toString()));
            FolderSnapshot before = FolderSnapshot.of(tmp);
            CliRunner.Result r = run(a.toArray(String[]::new));
            assertEquals(2, r.code(), method + ": " + r.err());
            assertEquals(1, r.errLines().length, method + ": " + r.err());
            assertEquals("xai: " + empty + ": 0 rows (shape [0,4]); there is nothing to compute", r.errLines()[0], method);
            before.assertUnchanged(tmp, method);
            methods++;
        }
        assertEquals(40, methods); // every registered method: 22 before issue 14, its 8 layer and 8 neuron methods, deeplift-shap and lrp
        for (String[] other : List.of(new String[] {"pdp", "--feature", "0", "--data"}, new String[] {"importance", "--metric", "mse",
                "--labels", bg.toString(), "--data"})) {
            List<String> a = new ArrayList<>(List.of(other));
            a.addAll(List.of(empty.toString(), "--model", MODEL, "--out", tmp.resolve("never.npy").toString()));
            CliRunner.Result r = run(a.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.errLines()[0].contains("0 rows"), r.err());
        }
        // predict is not an explanation: zero rows in, zero rows out (shape (0, 3))
        Path y = tmp.resolve("y0.npy");
        assertEquals(0, run("predict", "--model", MODEL, "--input", empty.toString(), "--out", y.toString()).code());
        assertArrayEquals(new int[] {0, 3}, CliRunner.shape(y));
        // a CNN flattens with Reshape(x, [0, -1]), undefined for an empty batch (as in PyTorch): one line naming the node
        Path emptyImages = tmp.resolve("empty_images.npy");
        Npy.write(emptyImages, HostArray.ofFloat(new int[] {0, 3, 32, 32}, new float[0]));
        Path y2 = tmp.resolve("y2.npy");
        CliRunner.Result cnn = run("predict", "--model", captum("image_cnn", "model.onnx").toString(), "--input", emptyImages.toString(),
                "--out", y2.toString());
        assertEquals(1, cnn.code(), cnn.err());
        assertEquals(1, cnn.errLines().length, cnn.err());
        assertTrue(cnn.errLines()[0].startsWith("xai: model.onnx: node '"), cnn.err());
        assertFalse(Files.exists(y2));
    }
}
