package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** The Captum reference models imported and run: predictions, MC dropout, named intermediates and their gradients. */
class OnnxModelLoaderTest {
    static Path resource(String name) {
        try {
            return Path.of(OnnxModelLoaderTest.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Tensor npy(String name) throws IOException {
        HostArray a = Npy.read(resource(name));
        return Tensor.of(a.toFloatArray(), a.shape());
    }

    static double relativeL2(float[] got, float[] expected) {
        double num = 0, den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - expected[i]) * (double) (got[i] - expected[i]);
            den += expected[i] * (double) expected[i];
        }
        return Math.sqrt(num / den);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris_mlp", "dna_cnn", "image_cnn"})
    void reproducesCaptumPredictions(String model) throws IOException {
        OnnxGraphModel m = OnnxModelLoader.load(resource(model + ".onnx"));
        Tensor x = npy("captum/" + model + "/input.npy");
        Tensor expected = npy("captum/" + model + "/expected_predict.npy");
        Tensor y;
        try (GradMode.Scope g = GradMode.noGrad()) {
            y = m.forward(x);
        }
        assertEquals(List.of(expected.shape()[0], expected.numel() / expected.shape()[0]).toString(),
                List.of(y.shape()[0], y.numel() / y.shape()[0]).toString());
        double err = relativeL2(y.contiguous().toArray(), expected.toArray());
        assertTrue(err <= 1e-4, model + ": relative L2 error " + err);
    }

    /** 2000 MC passes land within 5 standard errors of the 20,000-pass mean and within 10 % of its std. */
    @Test
    void mcDropoutMatchesReferenceStatistics() throws IOException {
        OnnxGraphModel m = OnnxModelLoader.load(resource("mc_dropout_mlp.onnx"));
        Tensor x = npy("captum/mc_dropout_mlp/input.npy");
        float[] mean = npy("captum/mc_dropout_mlp/expected_mean.npy").toArray();
        float[] std = npy("captum/mc_dropout_mlp/expected_std.npy").toArray();
        int t = 2000, rows = x.shape()[0];
        double[] s1 = new double[rows], s2 = new double[rows];
        try (GradMode.Scope g = GradMode.noGrad()) {
            for (int k = 0; k < t; k++) {
                float[] y = m.run(List.of(x), RunOptions.monteCarlo(3, k)).output(0).contiguous().toArray();
                for (int r = 0; r < rows; r++) {
                    s1[r] += y[r];
                    s2[r] += y[r] * (double) y[r];
                }
            }
            float[] plain = m.forward(x).contiguous().toArray();
            float[] again = m.run(List.of(x), RunOptions.INFERENCE).output(0).contiguous().toArray();
            assertEquals(java.util.Arrays.toString(plain), java.util.Arrays.toString(again));
        }
        for (int r = 0; r < rows; r++) {
            double mu = s1[r] / t, sd = Math.sqrt(Math.max(0, s2[r] / t - mu * mu));
            assertTrue(Math.abs(mu - mean[r]) <= 5 * std[r] / Math.sqrt(t), "row " + r + ": mean " + mu + " vs " + mean[r]);
            assertTrue(Math.abs(sd - std[r]) <= 0.1 * std[r], "row " + r + ": std " + sd + " vs " + std[r]);
        }
        // same seed and stream, same masks
        try (GradMode.Scope g = GradMode.noGrad()) {
            float[] a = m.run(List.of(x), RunOptions.monteCarlo(9, 4)).output(0).toArray();
            float[] b = m.run(List.of(x), RunOptions.monteCarlo(9, 4)).output(0).toArray();
            assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        }
    }

    /**
     * d(score)/d(input) through the whole graph equals d(score)/d(r2) chained by hand through the part
     * of the graph before r2: the gradient at a named intermediate is the one the input gradient uses.
     */
    @Test
    void intermediatesAreNamedAndDifferentiable() throws IOException {
        OnnxGraphModel m = OnnxModelLoader.load(resource("image_cnn.onnx"));
        Tensor x = npy("captum/image_cnn/input.npy").requiresGrad(true);
        Activations a = m.run(List.of(x), RunOptions.INFERENCE);
        Tensor r2 = a.get("/r2/Relu_output_0");
        assertEquals(4, r2.dim());
        Tensor out = a.output(0);
        Tensor seed = Gradients.oneHotSeed(out.shape(), new int[] {1, 3});
        Tensor[] g = Gradients.grad(out, seed, x, r2);
        // chain rule at r2: <d out/d r2, d r2/d x . v> = <d out/d x, v> for a random direction v
        java.util.Random rnd = new java.util.Random(5);
        float[] v = new float[x.numel()];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        Tensor dir = Tensor.of(v, x.shape());
        Tensor r2Grad = Gradients.grad(r2, g[1], x)[0];
        double lhs = 0, rhs = 0;
        float[] gx = g[0].contiguous().toArray(), gr = r2Grad.contiguous().toArray();
        for (int i = 0; i < v.length; i++) {
            lhs += gx[i] * (double) v[i];
            rhs += gr[i] * (double) v[i];
        }
        assertEquals(lhs, rhs, 1e-5 * Math.max(1, Math.abs(lhs)));
        // and the input gradient matches a central finite difference along v (float64 accumulation)
        double eps = 1e-2, fd;
        try (GradMode.Scope ng = GradMode.noGrad()) {
            Tensor plus = Ops.add(x.detach(), Ops.scale(dir, (float) eps)), minus = Ops.sub(x.detach(), Ops.scale(dir, (float) eps));
            float[] yp = m.forward(plus).toArray(), ym = m.forward(minus).toArray();
            int classes = out.shape()[1];
            fd = ((yp[1] - ym[1]) + (yp[classes + 3] - ym[classes + 3])) / (2 * eps);
        }
        assertEquals(fd, lhs, 2e-2 * Math.max(1, Math.abs(lhs)));
    }

    @Test
    void unsupportedOpFailsAtLoadNamingNodeAndList() {
        OnnxModel iris;
        try {
            iris = OnnxReader.read(resource("iris_mlp.onnx"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        OnnxGraph g = iris.graph();
        OnnxNode first = g.nodes().get(0);
        OnnxNode odd = new OnnxNode("/weird", "Hardmax", "", first.inputs(), first.outputs(), first.attributes());
        List<OnnxNode> nodes = new java.util.ArrayList<>(g.nodes());
        nodes.set(0, odd);
        OnnxModel bad = new OnnxModel(iris.irVersion(), iris.opsets(), iris.producerName(), iris.producerVersion(),
                new OnnxGraph(g.name(), nodes, g.initializers(), g.inputs(), g.outputs(), g.valueInfo()), "bad.onnx");
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxModelLoader.fromModel(bad));
        assertTrue(e.getMessage().startsWith("bad.onnx: node '/weird' (Hardmax) uses an unsupported op; supported: "), e.getMessage());
        assertTrue(e.getMessage().contains("Conv, "), e.getMessage());
    }

    @Test
    void wrongInputShapeNamesTheInput() throws IOException {
        OnnxGraphModel m = OnnxModelLoader.load(resource("iris_mlp.onnx"));
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> m.forward(Tensor.zeros(2, 5)));
        assertEquals("iris_mlp.onnx: input 'input' expects shape [batch,4], got [2,5]", e.getMessage());
    }
}
