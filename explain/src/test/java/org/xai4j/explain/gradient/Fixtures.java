package org.xai4j.explain.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.io.onnx.OnnxGraphModel;

/** The Captum fixtures copied under src/test/resources/captum, and the relative-L2 comparison. */
final class Fixtures {
    private Fixtures() {}

    static Path dir(String model) {
        try {
            return Path.of(Fixtures.class.getResource("/captum/" + model).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static OnnxGraphModel model(String model) {
        try {
            return OnnxModelLoader.load(dir(model).resolve("model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tensor tensor(String model, String file) {
        try {
            HostArray a = Npy.read(dir(model).resolve(file));
            return Tensor.of(a.toFloatArray(), a.shape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] targets(String model) {
        try {
            return Npy.read(dir(model).resolve("target.npy")).toIntArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ||got - expected|| / ||expected||, in double. */
    static double relativeError(Tensor got, Tensor expected) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(got.shape()), "shape");
        float[] g = got.toArray(), e = expected.toArray();
        double num = 0, den = 0;
        for (int i = 0; i < g.length; i++) {
            num += (g[i] - (double) e[i]) * (g[i] - (double) e[i]);
            den += (double) e[i] * e[i];
        }
        return Math.sqrt(num) / Math.sqrt(den);
    }

    /** Asserts relative L2 error <= 1e-3 and prints it (the figures quoted in the report). */
    static double assertClose(String label, Tensor got, Tensor expected) {
        double err = relativeError(got, expected);
        System.out.printf("fixture %-32s relative L2 error %.3e%n", label, err);
        assertTrue(err <= 1e-3, label + ": relative L2 error " + err + " > 1e-3");
        return err;
    }

    static void assertArrayClose(double[] expected, Tensor got, double tol) {
        float[] g = got.toArray();
        assertEquals(expected.length, g.length, "length");
        for (int i = 0; i < g.length; i++) assertEquals(expected[i], g[i], tol, "element " + i);
    }
}
