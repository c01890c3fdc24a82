package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absurd option values (issue 18): every one is a usage error (exit 2), one line naming the option,
 * refused before any work (well under the time a run of the counts asked for would take), and no output.
 */
class CliAbsurdOptionsTest {
    @TempDir
    Path tmp;

    private static final String IRIS = captum("iris_mlp", "model.onnx").toString(), X = captum("iris_mlp", "input.npy").toString();
    private static final String CNN = captum("dna_cnn", "model.onnx").toString(), CNN_X = captum("dna_cnn", "input.npy").toString();

    /** One case: the option its message must name, and the arguments after the command's model, input and output. */
    record Case(String option, String... args) {}

    private static Case explain(String option, String... args) {
        return new Case(option, args);
    }

    private static final List<Case> EXPLAIN = List.of(
            explain("--steps", "--method", "integrated-gradients", "--steps", "0"),
            explain("--steps", "--method", "integrated-gradients", "--steps", "-5"),
            explain("--steps", "--method", "integrated-gradients", "--steps", "2000000000"),
            explain("--steps", "--method", "integrated-gradients", "--steps", "10001"),
            explain("--steps", "--method", "integrated-gradients", "--steps", "1", "--integration", "riemann-trapezoid"),
            explain("--steps", "--method", "integrated-gradients", "--steps", "many"),
            explain("--integration", "--method", "integrated-gradients", "--integration", "simpson"),
            explain("--samples", "--method", "smoothgrad", "--samples", "0"),
            explain("--samples", "--method", "smoothgrad", "--samples", "2000000000"),
            explain("--samples", "--method", "shapley-sampling", "--samples", "2000000000"),
            explain("--samples", "--method", "shapley-sampling", "--samples", "-1"),
            explain("--samples", "--method", "gradient-shap", "--samples", "0"),
            explain("--samples", "--method", "lime", "--samples", "0"),
            explain("--samples", "--method", "kernel-shap", "--samples", "2147483647"),
            explain("--stdev", "--method", "smoothgrad", "--stdev", "-1"),
            explain("--stdev", "--method", "vargrad", "--stdev", "NaN"),
            explain("--stdev", "--method", "gradient-shap", "--stdev", "Infinity"),
            explain("--window", "--method", "occlusion", "--window", "0"),
            explain("--window", "--method", "occlusion", "--window", "99"),
            explain("--window", "--method", "occlusion", "--window", "1,1"),
            explain("--window", "--method", "occlusion", "--window", "-2"),
            explain("--stride", "--method", "occlusion", "--window", "1", "--stride", "0"),
            explain("--stride", "--method", "occlusion", "--window", "1", "--stride", "-3"),
            explain("--stride", "--method", "occlusion", "--window", "1", "--stride", "1,1,1"),
            explain("--batch-size", "--method", "saliency", "--batch-size", "0"),
            explain("--batch-size", "--method", "occlusion", "--window", "1", "--batch-size", "-1"),
            explain("--batch-size", "--method", "lime", "--batch-size", "2000000000"),
            explain("--repeat", "--method", "saliency", "--repeat", "0"),
            explain("--repeat", "--method", "saliency", "--repeat", "2000000000"),
            explain("--threads", "--method", "saliency", "--threads", "0"),
            explain("--threads", "--method", "saliency", "--threads", "100000"),
            explain("--threads", "--method", "saliency", "--threads", "2147483647"),
            explain("--threads", "--method", "saliency", "--threads", "-1"),
            explain("--layer", "--method", "grad-cam", "--layer", "auto"),
            explain("--layer", "--method", "grad-cam"),
            explain("--layer", "--method", "cam"),
            explain("--layer", "--method", "grad-cam-plus-plus", "--layer", "no-such-tensor"),
            explain("guided-grad-cam", "--method", "guided-grad-cam"),
            explain("--target", "--method", "saliency", "--target", "-1"),
            explain("--target", "--method", "saliency", "--target", "99"),
            explain("--target", "--method", "saliency", "--target", "99999999999999"),
            explain("--target", "--method", "saliency", "--target", "1.5"),
            explain("--target", "--method", "saliency", "--target", "NaN"),
            explain("guided-grad-cam", "--method", "guided-grad-cam", "--layer", "/net/net.1/Relu_output_0"),
            explain("--upsample", "--method", "grad-cam", "--layer", "/net/net.1/Relu_output_0", "--upsample", "linear"),
            explain("--method", "--method", "magic"),
            explain("--base-method", "--method", "smoothgrad", "--base-method", "occlusion"),
            explain("--seed", "--method", "smoothgrad", "--seed", "x"),
            explain("--no-abs", "--method", "integrated-gradients", "--no-abs"));

    @Test
    void absurdExplainOptionsAreUsageErrorsNamingTheOption() throws Exception {
        int n = 0;
        for (Case c : EXPLAIN) {
            List<String> a = new ArrayList<>(List.of("explain", "--model", IRIS, "--input", X, "--out", tmp.resolve("a.npy").toString()));
            a.addAll(List.of(c.args()));
            check(c, a);
            n++;
        }
        assertTrue(n >= 40, n + " cases");
    }

    @Test
    void absurdOptionsOfTheOtherCommandsAreUsageErrorsNamingTheOption() throws Exception {
        Path y = tmp.resolve("y.npy");
        String mc = captum("mc_dropout_mlp", "model.onnx").toString(), mcX = captum("mc_dropout_mlp", "input.npy").toString();
        List<List<String>> cases = List.of(
                List.of("--mc-dropout", "predict", "--model", mc, "--input", mcX, "--out", y.toString(), "--mc-dropout", "0"),
                List.of("--mc-dropout", "predict", "--model", mc, "--input", mcX, "--out", y.toString(), "--mc-dropout", "1"),
                List.of("--mc-dropout", "predict", "--model", mc, "--input", mcX, "--out", y.toString(), "--mc-dropout", "2000000000"),
                List.of("--threads", "predict", "--model", IRIS, "--input", X, "--out", y.toString(), "--threads", "2147483647"),
                List.of("--feature", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "99"),
                List.of("--feature", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "-1"),
                List.of("--feature", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "1", "--feature", "1"),
                List.of("--grid", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "0", "--grid", "1"),
                List.of("--grid", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "0", "--grid", "2000000000"),
                List.of("--grid", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "0", "--feature", "1", "--grid", "5000"),
                List.of("--batch-size", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "0", "--batch-size", "0"),
                List.of("--target", "pdp", "--model", IRIS, "--data", X, "--out", y.toString(), "--feature", "0", "--target", "-4"),
                List.of("--repeats", "importance", "--model", IRIS, "--data", X, "--labels", captum("iris_mlp", "target.npy").toString(),
                        "--metric", "accuracy", "--repeats", "0"),
                List.of("--repeats", "importance", "--model", IRIS, "--data", X, "--labels", captum("iris_mlp", "target.npy").toString(),
                        "--metric", "accuracy", "--repeats", "2000000000"),
                List.of("--metric", "importance", "--model", IRIS, "--data", X, "--labels", captum("iris_mlp", "target.npy").toString(),
                        "--metric", "auc"),
                List.of("--threads", "info", "--model", IRIS, "--threads", "100000"));
        for (List<String> c : cases) check(new Case(c.get(0)), c.subList(1, c.size()));
        // a convolutional model: --window of the wrong rank, and one larger than the axis
        check(new Case("--window"), List.of("explain", "--model", CNN, "--input", CNN_X, "--out", y.toString(), "--method", "occlusion", "--window", "4"));
        check(new Case("--window"), List.of("explain", "--model", CNN, "--input", CNN_X, "--out", y.toString(), "--method", "occlusion",
                "--window", "4,102"));
    }

    @Test
    void referenceArraysOfTheWrongShapeAreUsageErrorsNamingTheOption() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("in"));
        int[][] shapes = {{}, {3}, {6, 3}, {1, 6, 4}, {0, 4}, {7, 4}};
        int k = 0;
        for (int[] shape : shapes) {
            Path f = tmp.resolve("in").resolve("s" + k++ + ".npy");
            int n = 1;
            for (int d : shape) n *= d;
            org.xai4j.engine.io.Npy.write(f, org.xai4j.engine.io.HostArray.ofFloat(shape, new float[n]));
            boolean rows = shape.length == 2 && shape[1] == 4 && shape[0] >= 1;
            for (String[] use : List.of(new String[] {"integrated-gradients", "--baseline"}, new String[] {"deeplift", "--baseline"},
                    new String[] {"feature-ablation", "--baseline"}, new String[] {"gradient-shap", "--baselines"},
                    new String[] {"kernel-shap", "--background"}, new String[] {"linear-shap", "--background"})) {
                // (7, 4) fits a background and gradient-shap's baselines (any number of rows), not a per-row baseline of 6 rows
                if (rows && !use[1].equals("--baseline")) continue;
                // every --baseline broadcasts by NumPy's rules (the one Baseline type): () does, (3), (6, 3), (1, 6, 4), (0, 4), (7, 4) do not
                if (shape.length == 0 && use[1].equals("--baseline")) continue;
                check(new Case(use[1]), List.of("explain", "--method", use[0], "--model", IRIS, "--input", X, "--out",
                        tmp.resolve("a.npy").toString(), use[1], f.toString()));
            }
        }
        // a feature mask must broadcast to the input as well
        for (int[] shape : new int[][] {{3}, {6, 3}, {2, 6, 4}, {7, 4}}) {
            Path mask = tmp.resolve("in").resolve("mask" + shape.length + shape[0] + ".npy");
            int n = 1;
            for (int d : shape) n *= d;
            org.xai4j.engine.io.Npy.write(mask, org.xai4j.engine.io.HostArray.ofLong(shape, new long[n]));
            for (String method : List.of("feature-ablation", "shapley-exact", "kernel-shap", "lime", "feature-permutation", "shapley-sampling")) {
                check(new Case("--feature-mask"), List.of("explain", "--method", method, "--model", IRIS, "--input", X, "--out",
                        tmp.resolve("a.npy").toString(), "--feature-mask", mask.toString()));
            }
        }
        // a per-column baseline broadcast by NumPy's rules is fine for a perturbation method
        Path column = tmp.resolve("in").resolve("col.npy");
        org.xai4j.engine.io.Npy.write(column, org.xai4j.engine.io.HostArray.ofFloat(new int[] {1, 4}, new float[] {1, 2, 3, 4}));
        assertEquals(0, run("explain", "--method", "feature-ablation", "--model", IRIS, "--input", X, "--out", tmp.resolve("ok.npy").toString(),
                "--baseline", column.toString()).code());
    }

    private void check(Case c, List<String> args) throws Exception {
        FolderSnapshot before = FolderSnapshot.of(tmp);
        CliRunner.Result r = run(args.toArray(String[]::new));
        String label = String.join(" ", args);
        assertEquals(2, r.code(), label + ": " + r.err());
        String[] lines = r.errLines();
        assertTrue(lines.length >= 1, label);
        assertTrue(lines[0].startsWith("xai: "), label + ": " + lines[0]);
        assertTrue(lines[0].contains(c.option()), label + ": '" + c.option() + "' not in " + lines[0]);
        // picocli may add "Did you mean" suggestions for a mistyped option name; a bad value is one line
        assertEquals(1, lines.length, label + ": " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.millis() < 5000, label + " took " + r.millis() + " ms");
        before.assertUnchanged(tmp, label);
    }
}
