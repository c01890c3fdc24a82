package org.xai4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

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
}
