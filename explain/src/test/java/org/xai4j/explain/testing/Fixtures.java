package org.xai4j.explain.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.io.onnx.OnnxModelLoader;

/** The Captum 0.7 fixtures copied into test resources (captum/MODEL/...), and how to compare with them. */
public final class Fixtures {
    private Fixtures() {}

    public static Path path(String model, String file) {
        try {
            var url = Fixtures.class.getResource("/captum/" + model + "/" + file);
            if (url == null) throw new IllegalStateException("missing test resource captum/" + model + "/" + file);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HostArray array(String model, String file) throws IOException {
        return Npy.read(path(model, file));
    }

    public static Tensor tensor(String model, String file) throws IOException {
        HostArray a = array(model, file);
        return Tensor.of(a.toFloatArray(), a.shape());
    }

    /** {@link #tensor} for use in lambdas: an I/O failure becomes an unchecked error. */
    public static Tensor tensorUnchecked(String model, String file) {
        try {
            return tensor(model, file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static int[] targets(String model) throws IOException {
        return array(model, "target.npy").toIntArray();
    }

    public static Model model(String model) throws IOException {
        return OnnxModelLoader.load(path(model, "model.onnx"));
    }

    /** ‖got − expected‖ / ‖expected‖ in double. */
    public static double relativeError(Tensor got, Tensor expected) {
        float[] g = got.toArray(), e = expected.toArray();
        if (g.length != e.length) throw new AssertionError("got " + g.length + " values, expected " + e.length);
        double num = 0, den = 0;
        for (int i = 0; i < g.length; i++) {
            double d = (double) g[i] - e[i];
            num += d * d;
            den += (double) e[i] * e[i];
        }
        return Math.sqrt(num / den);
    }

    /** Asserts the relative L2 error is at most tol, printing it for the record. */
    public static double assertClose(String what, Tensor got, Tensor expected, double tol) {
        assertTrue(java.util.Arrays.equals(got.shape(), expected.shape()),
                what + ": shape " + java.util.Arrays.toString(got.shape()) + " vs " + java.util.Arrays.toString(expected.shape()));
        double err = relativeError(got, expected);
        System.out.println("[fixture] " + what + " relative L2 error = " + err);
        assertTrue(err <= tol, what + ": relative L2 error " + err + " > " + tol);
        return err;
    }
}
