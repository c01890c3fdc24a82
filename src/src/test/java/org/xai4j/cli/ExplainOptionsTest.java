package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * xai explain's option handling on the iris MLP: --target forms, --seed common to every method, the
 * noise tunnels' base-method options, seeded perturbation methods invariant to --batch-size, and
 * KernelSHAP/Shapley efficiency through the command line.
 */
class ExplainOptionsTest {
    @TempDir
    Path tmp;

    private final String model = captum("iris_mlp", "model.onnx").toString(), input = captum("iris_mlp", "input.npy").toString();

    private CliRunner.Result explain(String out, String... args) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", model, "--input", input, "--out", tmp.resolve(out).toString()));
        a.addAll(Arrays.asList(args));
        return run(a.toArray(String[]::new));
    }

    private float[] ok(String out, String... args) throws Exception {
        CliRunner.Result r = explain(out, args);
        assertEquals(0, r.code(), r.err());
        return read(tmp.resolve(out));
    }

    @Test
    void targetAsIndexOrPerRowArray() throws Exception {
        Path zeros = tmp.resolve("t0.npy");
        Npy.write(zeros, HostArray.ofLong(new int[] {6}, new long[6]));
        float[] byIndex = ok("a.npy", "--method", "saliency", "--no-abs", "--target", "0");
        float[] byFile = ok("b.npy", "--method", "saliency", "--no-abs", "--target", zeros.toString());
        assertArrayEquals(byIndex, byFile);
        float[] other = ok("c.npy", "--method", "saliency", "--no-abs", "--target", "2");
        assertFalse(Arrays.equals(byIndex, other), "class 0 and class 2 have different gradients");
        // default: each row's argmax, which target.npy holds for this fixture
        assertArrayEquals(ok("d.npy", "--method", "saliency"), ok("e.npy", "--method", "saliency", "--target", captum("iris_mlp", "target.npy").toString()));
    }

    @Test
    void badTargetsAreUsageErrors() throws Exception {
        Path floats = tmp.resolve("tf.npy"), matrix = tmp.resolve("tm.npy"), few = tmp.resolve("few.npy");
        Npy.write(floats, HostArray.ofFloat(new int[] {6}, new float[6]));
        Npy.write(matrix, HostArray.ofLong(new int[] {6, 1}, new long[6]));
        Npy.write(few, HostArray.ofLong(new int[] {4}, new long[4]));
        CliRunner.Result f = explain("x.npy", "--method", "saliency", "--target", floats.toString());
        assertEquals(2, f.code());
        assertEquals("xai: --target " + floats + ": expected integer column indices, got float32", f.errLines()[0]);
        CliRunner.Result m = explain("x.npy", "--method", "saliency", "--target", matrix.toString());
        assertEquals(2, m.code());
        assertTrue(m.err().contains("expected one index per row (a 1-D array), got shape [6, 1]"), m.err());
        CliRunner.Result n = explain("x.npy", "--method", "saliency", "--target", "-1");
        assertEquals(2, n.code());
        assertEquals("xai: --target -1 is not a column index (must be >= 0)", n.errLines()[0]);
        CliRunner.Result c = explain("x.npy", "--method", "saliency", "--target", few.toString());
        assertEquals(2, c.code());
        assertEquals("xai: --target: got 4 targets for 6 input rows", c.errLines()[0]);
        CliRunner.Result missing = explain("x.npy", "--method", "saliency", "--target", tmp.resolve("none.npy").toString());
        assertEquals(2, missing.code());
        assertFalse(Files.exists(tmp.resolve("x.npy")));
    }

    @Test
    void seedIsAcceptedByEveryMethodAndIgnoredByDeterministicOnes() throws Exception {
        assertArrayEquals(ok("a.npy", "--method", "occlusion", "--window", "2"), ok("b.npy", "--method", "occlusion", "--window", "2", "--seed", "11"));
        assertArrayEquals(ok("c.npy", "--method", "saliency"), ok("d.npy", "--method", "saliency", "--seed", "11"));
    }

    @Test
    void noiseTunnelsTakeTheirBaseMethodsOptions() throws Exception {
        CliRunner.Result steps = explain("x.npy", "--method", "smoothgrad", "--steps", "10");
        assertEquals(2, steps.code());
        assertEquals("xai: smoothgrad does not take --steps; it takes --base-method, --no-abs, --samples, --seed, --stdev", steps.errLines()[0]);
        CliRunner.Result delta = explain("x.npy", "--method", "vargrad", "--base-method", "integrated-gradients", "--delta-out", tmp.resolve("d.npy").toString());
        assertEquals(2, delta.code());
        assertTrue(delta.errLines()[0].startsWith("xai: vargrad does not take --delta-out"), delta.err());
        CliRunner.Result base = explain("x.npy", "--method", "smoothgrad", "--base-method", "lime");
        assertEquals(2, base.code());
        assertTrue(base.errLines()[0].startsWith("xai: --base-method must be a gradient method"), base.err());
        // SmoothGrad over IG with a zero noise level is IG itself (every noisy copy is the input)
        float[] ig = ok("ig.npy", "--method", "integrated-gradients", "--steps", "10", "--integration", "riemann-middle");
        float[] sg = ok("sg.npy", "--method", "smoothgrad", "--base-method", "integrated-gradients", "--steps", "10",
                "--integration", "riemann-middle", "--samples", "3", "--stdev", "0");
        for (int i = 0; i < ig.length; i++) assertEquals(ig[i], sg[i], 1e-6 * Math.abs(ig[i]) + 1e-7, "element " + i);
    }

    @Test
    void seededMethodsDoNotDependOnBatchSize() throws Exception {
        for (String[] method : List.of(new String[] {"--method", "kernel-shap", "--samples", "12", "--seed", "4"},
                new String[] {"--method", "lime", "--samples", "40", "--seed", "4"},
                new String[] {"--method", "shapley-sampling", "--samples", "5", "--seed", "4"},
                new String[] {"--method", "gradient-shap", "--samples", "7", "--stdev", "0.2", "--seed", "4"},
                new String[] {"--method", "feature-permutation", "--seed", "4"})) {
            float[] ref = null;
            for (String b : List.of("1", "5", "64")) {
                String[] args = Arrays.copyOf(method, method.length + 2);
                args[method.length] = "--batch-size";
                args[method.length + 1] = b;
                float[] got = ok(method[1] + b + ".npy", args);
                if (ref == null) ref = got;
                else assertArrayEquals(ref, got, method[1] + " with --batch-size " + b);
            }
        }
    }

    @Test
    void shapleyEfficiencyThroughTheCommandLine() throws Exception {
        // exact Shapley values and KernelSHAP (all 2^4 coalitions) sum to f_t(x) - f_t(0) per row
        Model m = OnnxModelLoader.load(Path.of(model));
        float[] x = read(Path.of(input));
        float[] fx, f0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            fx = m.forward(Tensor.of(x, 6, 4)).contiguous().toArray();
            f0 = m.forward(Tensor.zeros(6, 4)).contiguous().toArray();
        }
        long[] t = Npy.read(captum("iris_mlp", "target.npy")).toLongArray();
        for (String method : List.of("shapley-exact", "kernel-shap")) {
            float[] phi = ok(method + ".npy", "--method", method);
            for (int r = 0; r < 6; r++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) sum += phi[r * 4 + j];
                double gap = fx[r * 3 + (int) t[r]] - f0[r * 3 + (int) t[r]];
                assertEquals(gap, sum, 1e-4, method + " row " + r);
            }
        }
    }

    @Test
    void exactShapleyRefusesTooManyPlayersAndSaysWhatToUse() {
        CliRunner.Result r = run("explain", "--model", captum("image_cnn", "model.onnx").toString(), "--input",
                captum("image_cnn", "input.npy").toString(), "--method", "shapley-exact", "--out", tmp.resolve("s.npy").toString());
        assertEquals(1, r.code());
        assertTrue(r.errLines()[0].contains("use shapley-sampling or kernel-shap, or fewer groups with --feature-mask"), r.err());
        assertFalse(Files.exists(tmp.resolve("s.npy")));
    }
}
