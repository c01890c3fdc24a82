package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.run;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

/**
 * Models through the CLI (issue 18): malformed ONNX refused by predict and by info alike, in one line
 * naming node, attribute or input (resources/hostile/malformed, made by make_fixtures.py); a well-formed
 * model with ops not run here described by info; a model computing NaN from finite input written with
 * one warning; running out of memory reported in one line.
 */
class CliHostileModelsTest {
    @TempDir
    Path tmp;

    static Path hostile(String name) throws URISyntaxException {
        return Paths.get(CliHostileModelsTest.class.getResource("/hostile/" + name).toURI());
    }

    /** Each malformed file and the words its refusal must hold. */
    private static final Map<String, List<String>> MALFORMED = Map.ofEntries(
            Map.entry("ir_version_0", List.of("ir_version 0")),
            Map.entry("ir_version_999", List.of("ir_version 999", "newer")),
            Map.entry("opset_missing", List.of("no opset_import")),
            Map.entry("opset_0", List.of("opset 0", "invalid")),
            Map.entry("opset_negative", List.of("opset -3", "invalid")),
            Map.entry("two_default_opsets", List.of("two opset_import")),
            Map.entry("duplicated_outputs", List.of("graph output 'y'", "twice")),
            Map.entry("conv_strides_floats", List.of("'conv' (Conv)", "'strides'", "must be INTS, got FLOATS")),
            Map.entry("leakyrelu_alpha_string", List.of("'leaky' (LeakyRelu)", "'alpha'", "must be FLOAT, got STRING")),
            Map.entry("relu_unknown_attribute", List.of("'relu' (Relu)", "'slope'", "is not an attribute")),
            Map.entry("constant_two_values", List.of("'const' (Constant)", "exactly one")),
            Map.entry("maxpool_pads_larger_than_kernel", List.of("'pool' (MaxPool)", "'pads'", "smaller than the kernel")),
            Map.entry("maxpool_ceil_mode_99", List.of("'pool' (MaxPool)", "'ceil_mode'", "0 or 1, got 99")),
            Map.entry("input_string", List.of("graph input 'x'", "STRING", "cannot be fed")),
            Map.entry("input_sequence", List.of("graph input 'x'", "cannot be fed")),
            Map.entry("input_negative_dim", List.of("'x'", "negative dimension -4")),
            Map.entry("initializer_raw_and_typed", List.of("tensor 'w'", "both raw_data and typed data")));

    @Test
    void malformedModelsAreRefusedByPredictAndInfoInOneLine() throws Exception {
        Path out = tmp.resolve("y.npy");
        for (Map.Entry<String, List<String>> e : MALFORMED.entrySet()) {
            Path model = hostile("malformed/" + e.getKey() + ".onnx");
            for (String[] args : List.of(new String[] {"info", "--model", model.toString()},
                    new String[] {"predict", "--model", model.toString(), "--input", example("input.npy").toString(), "--out", out.toString()})) {
                CliRunner.Result r = run(args);
                String label = e.getKey() + " " + args[0];
                assertEquals(1, r.code(), label + ": " + r.err());
                assertEquals(1, r.errLines().length, label + ": " + r.err());
                String line = r.errLines()[0];
                assertTrue(line.startsWith("xai: " + e.getKey() + ".onnx: "), label + ": " + line);
                for (String k : e.getValue()) assertTrue(line.contains(k), label + ": '" + k + "' not in " + line);
                assertEquals("", r.out(), label);
                assertFalse(Files.exists(out), label);
            }
        }
        assertEquals(17, MALFORMED.size());
    }

    @Test
    void infoDescribesAModelWithOpsNotRunHereAndPredictRefusesIt() throws Exception {
        CliRunner.Result info = run("info", "--model", hostile("pow_mlp.onnx").toString());
        assertEquals(0, info.code(), info.err());
        List<String> lines = info.out().lines().toList();
        assertTrue(lines.contains("ops: 3 nodes"), info.out());
        assertTrue(lines.contains("  x float32 [batch,4]"), info.out());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.equals("not runnable here: Pow \u00d72 at '/1/Pow', '/2/Pow'") || last.equals("not runnable here: Pow x2 at '/1/Pow', '/2/Pow'"), last);
        CliRunner.Result predict = run("predict", "--quiet", "--model", hostile("pow_mlp.onnx").toString(), "--input", example("input.npy").toString(),
                "--out", tmp.resolve("y.npy").toString());
        assertEquals(1, predict.code());
        assertEquals(1, predict.errLines().length);
        assertTrue(predict.errLines()[0].startsWith("xai: pow_mlp.onnx: node '/1/Pow' (Pow) uses an unsupported op"), predict.err());
        CliRunner.Result good = run("info", "--model", example("model.onnx").toString());
        assertEquals(0, good.code());
        assertFalse(good.out().contains("not runnable"), good.out());
    }

    @Test
    void aModelComputingNaNFromFiniteInputWritesItsResultAndWarnsOnce() throws Exception {
        // blobs input: all 32 values are below 10, so sqrt(x - 10) is NaN everywhere (8 rows x 3 outputs)
        Path y = tmp.resolve("y.npy");
        CliRunner.Result r = run("predict", "--quiet", "--model", hostile("sqrt_negative.onnx").toString(), "--input", example("input.npy").toString(),
                "--out", y.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("xai: warning: 24 of 24 output values are not finite (first at row 0, column 0)"), List.of(r.errLines()));
        for (float v : CliRunner.read(y)) assertTrue(Float.isNaN(v));
        // log(relu(x)) is -inf where x <= 0. Row 1, x = [1, -1, 2, 3]: l = [0, -inf, log 2, log 3], and y = l @ W (W's columns
        // pick l0 + l3, l1 + l3, l2 + l3) is -inf in column 1 and NaN in columns 0 and 2, where -inf meets a zero weight (IEEE 754)
        Path x = tmp.resolve("x.npy");
        Npy.write(x, HostArray.ofFloat(new int[] {2, 4}, new float[] {1, 2, 3, 4, 1, -1, 2, 3}));
        CliRunner.Result log = run("predict", "--quiet", "--model", hostile("log_relu.onnx").toString(), "--input", x.toString(), "--out", y.toString());
        assertEquals(0, log.code(), log.err());
        assertEquals(List.of("xai: warning: 3 of 6 output values are not finite (first at row 1, column 0)"), List.of(log.errLines()));
        float[] got = CliRunner.read(y);
        assertEquals(Math.log(1) + Math.log(4), got[0], 1e-5);
        assertEquals(Float.NEGATIVE_INFINITY, got[4], 0f);
        assertTrue(Float.isNaN(got[3]) && Float.isNaN(got[5]));
        // attributions: IG through sqrt of a negative number
        CliRunner.Result ig = run("explain", "--quiet", "--method", "integrated-gradients", "--model", hostile("sqrt_negative.onnx").toString(),
                "--input", example("input.npy").toString(), "--target", "0", "--out", tmp.resolve("a.npy").toString());
        assertEquals(0, ig.code(), ig.err());
        assertTrue(ig.err().contains("xai: warning: 32 of 32 attribution values are not finite (first at row 0, index 0)"), ig.err());
        // saliency through log(relu(x)): the ReLU's zero gradient hides the -inf, so the attributions are finite,
        // but the outputs they explain are not (the blobs rows all hold a negative feature)
        Path sal = tmp.resolve("s.npy");
        CliRunner.Result s = run("explain", "--quiet", "--method", "saliency", "--model", hostile("log_relu.onnx").toString(),
                "--input", example("input.npy").toString(), "--target", "0", "--out", sal.toString());
        assertEquals(0, s.code(), s.err());
        assertEquals(List.of("xai: warning: the model's output is not finite for 8 of 8 explained rows (first at row 0, target column 0); "
                + "their attributions do not explain a number"), List.of(s.errLines()));
        for (float v : CliRunner.read(sal)) assertTrue(Float.isFinite(v));
        // the fitted surrogates: a NaN score leaves the row's fit undefined, NaN, instead of failing the solver
        for (String method : List.of("lime", "kernel-shap", "shapley-sampling", "feature-ablation", "occlusion")) {
            List<String> a = new java.util.ArrayList<>(List.of("explain", "--quiet", "--method", method, "--model", hostile("sqrt_negative.onnx").toString(),
                    "--input", example("input.npy").toString(), "--target", "1", "--out", tmp.resolve(method + ".npy").toString()));
            if (method.equals("occlusion")) a.addAll(List.of("--window", "1"));
            CliRunner.Result f = run(a.toArray(String[]::new));
            assertEquals(0, f.code(), method + ": " + f.err());
            assertEquals(2, f.errLines().length, method + ": " + f.err());
            assertTrue(f.errLines()[0].startsWith("xai: warning: 32 of 32 attribution values are not finite"), method + ": " + f.err());
            assertTrue(f.errLines()[1].startsWith("xai: warning: the model's output is not finite for 8 of 8 explained rows"), method + ": " + f.err());
        }
    }

    @Test
    void runningOutOfMemoryIsOneLineNamingWhatToTry() throws Exception {
        // 3 million rows of 4 floats (48 MB) under a 32 MB heap: the input cannot be held
        Path big = tmp.resolve("big.npy");
        int rows = 3_000_000;
        Npy.write(big, HostArray.ofFloat(new int[] {rows, 4}, new float[rows * 4]));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                "org.xai4j.cli.Main", "predict", "--model", example("model.onnx").toAbsolutePath().toString(), "--input", big.toString(),
                "--out", tmp.resolve("y.npy").toString()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = err.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("xai: predict ran out of memory (Java heap space"), err);
        assertTrue(lines.get(0).contains("try fewer rows, or a larger heap, e.g. XAI_JAVA_OPTS=-Xmx"), err);
        assertFalse(Files.exists(tmp.resolve("y.npy")));
    }

    @Test
    void resourceErrorsAreFoundThroughCauses() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertEquals(oom, ResourceErrors.find(new RuntimeException(new IllegalStateException(oom))));
        assertEquals(null, ResourceErrors.find(new RuntimeException("no")));
        java.io.StringWriter s = new java.io.StringWriter();
        assertEquals(1, ResourceErrors.report(new StackOverflowError(), new String[] {"info"}, new java.io.PrintWriter(s, true), false));
        assertTrue(s.toString().startsWith("xai: info ran out of stack"), s.toString());
        assertEquals(1, s.toString().lines().count());
    }
}
