package org.xai4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.MiniJson;
import org.xai4j.engine.io.Npy;
import org.junit.jupiter.api.Assertions;

/** Runs {@code xai} in-process with string streams; fixtures and the shipped example. */
final class CliRunner {
    private CliRunner() {}

    /** What one run returned and printed. */
    record Result(int code, String out, String err, long millis) {
        /** The lines on stderr, without empty ones. */
        String[] errLines() {
            return err.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }

    /** A test resource copied from ../shared/reference/captum, e.g. {@code captum("iris_mlp", "model.onnx")}. */
    static Path captum(String model, String file) {
        try {
            return Paths.get(CliRunner.class.getResource("/captum/" + model + "/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checks of a Captum reference folder's JSON list (e.g. {@code checks.json}), each a name/command/args map. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> captumChecks(String model, String file) throws IOException, MiniJson.SyntaxException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object c : (List<Object>) MiniJson.parse(Files.readString(captum(model, file)))) out.add((Map<String, Object>) c);
        return out;
    }

    /** A file of the example shipped in examples/blobs (tests run in the src module's folder). */
    static Path example(String file) {
        Path p = Paths.get("..", "examples", "blobs", file);
        if (!Files.exists(p)) p = Paths.get("examples", "blobs", file);
        return p;
    }

    static float[] read(Path p) throws IOException {
        return Npy.read(p).toFloatArray();
    }

    static int[] shape(Path p) throws IOException {
        HostArray a = Npy.read(p);
        return a.shape();
    }

    /** ‖got − expected‖ / ‖expected‖ in float64. */
    static double relativeL2(float[] got, float[] expected) {
        if (got.length != expected.length) return Double.POSITIVE_INFINITY;
        double num = 0, den = 0;
        for (int i = 0; i < got.length; i++) {
            double d = (double) got[i] - expected[i];
            num += d * d;
            den += (double) expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    /** Our attributions and Captum's for one check of a fixture folder. */
    record CaptumOutcome(float[] got, float[] want) {}

    /**
     * Runs one check of a Captum fixture's checks file through {@code xai explain} (model.onnx, input.npy and
     * target.npy of {@code dir}, then the check's "args", .npy files among them relative to {@code dir}), and
     * asserts exit 0 and the expected file's shape.
     *
     * @param check a parsed entry: "args" and "expected"
     * @param name  the check's name in messages and in the output file's name under {@code tmp}
     */
    static CaptumOutcome runCaptumCheck(Path dir, Map<String, Object> check, String name, Path tmp) throws IOException {
        List<String> args = new ArrayList<>(List.of("explain", "--model", dir.resolve("model.onnx").toString(),
                "--input", dir.resolve("input.npy").toString(), "--target", dir.resolve("target.npy").toString()));
        @SuppressWarnings("unchecked")
        List<Object> extra = (List<Object>) check.get("args");
        for (Object a : extra) {
            String s = a.toString();
            // file arguments (mask.npy, baseline.npy) are relative to the fixture folder
            args.add(s.endsWith(".npy") ? dir.resolve(s).toString() : s);
        }
        Path out = tmp.resolve(name.replace('/', '_') + ".npy");
        args.add("--out");
        args.add(out.toString());
        Result r = run(args.toArray(String[]::new));
        Assertions.assertEquals(0, r.code(), name + ": " + r.err());
        Path expected = dir.resolve(check.get("expected").toString());
        Assertions.assertArrayEquals(Npy.read(expected).shape(), Npy.read(out).shape(), name + " shape");
        return new CaptumOutcome(Npy.read(out).toFloatArray(), Npy.read(expected).toFloatArray());
    }
}
