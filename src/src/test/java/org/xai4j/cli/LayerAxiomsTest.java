package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completeness of the layer path methods (Sundararajan et al. 2017 for layer IG; Dhamdhere et al. 2019,
 * §2, for conductance): the attributions over the whole layer add up to f_t(x) − f_t(b), up to the
 * integration error, which shrinks as the steps grow. Read from each method's --delta-out.
 */
class LayerAxiomsTest {
    @TempDir
    Path tmp;

    private static final String LAYER = "/net/net.1/Relu_output_0";

    /** The largest |delta| / |f(x) − f(b)| over the rows. */
    private double relativeDelta(String model, String method, String... extra) throws Exception {
        Path out = tmp.resolve(method + ".npy"), delta = tmp.resolve(method + "-delta.npy");
        List<String> a = new ArrayList<>(List.of("explain", "--model", captum(model, "model.onnx").toString(),
                "--input", captum(model, "input.npy").toString(), "--method", method, "--out", out.toString(),
                "--delta-out", delta.toString(), "--quiet"));
        a.addAll(Arrays.asList(extra));
        CliRunner.Result r = run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        float[] attr = read(out), d = read(delta);
        int per = attr.length / d.length;
        double worst = 0;
        for (int row = 0; row < d.length; row++) {
            double sum = 0;
            for (int j = 0; j < per; j++) sum += attr[row * per + j];
            double gap = sum - d[row]; // f(x) - f(b)
            assertTrue(Math.abs(gap) > 1e-3, "row " + row + " has f(x) = f(b); pick another fixture");
            worst = Math.max(worst, Math.abs(d[row]) / Math.abs(gap));
        }
        return worst;
    }

    @Test
    void layerIntegratedGradientsIsComplete() throws Exception {
        double coarse = relativeDelta("iris_mlp_layers", "layer-integrated-gradients", "--layer", LAYER, "--steps", "10");
        double fine = relativeDelta("iris_mlp_layers", "layer-integrated-gradients", "--layer", LAYER, "--steps", "300");
        System.out.printf("layer IG completeness: relative delta %.2e at 10 steps, %.2e at 300%n", coarse, fine);
        assertTrue(fine < 2e-3, "relative delta " + fine);
        assertTrue(fine <= coarse, fine + " > " + coarse);
    }

    @Test
    void layerConductanceIsComplete() throws Exception {
        // a rule whose points include 0 and 1 telescopes over the whole path; the error is the Riemann sum's
        double coarse = relativeDelta("iris_mlp_layers", "layer-conductance", "--layer", LAYER, "--steps", "10",
                "--integration", "riemann-trapezoid");
        double fine = relativeDelta("iris_mlp_layers", "layer-conductance", "--layer", LAYER, "--steps", "1000",
                "--integration", "riemann-trapezoid");
        System.out.printf("layer conductance completeness: relative delta %.2e at 10 steps, %.2e at 1000%n", coarse, fine);
        assertTrue(fine < 5e-3, "relative delta " + fine);
        assertTrue(fine < coarse, fine + " >= " + coarse);
    }

    @Test
    void plotRefusesLayerShapedAttributions() {
        CliRunner.Result r = run("explain", "--model", captum("iris_mlp_layers", "model.onnx").toString(),
                "--input", captum("iris_mlp_layers", "input.npy").toString(), "--method", "layer-conductance", "--layer", LAYER,
                "--out", tmp.resolve("lc.npy").toString(), "--plot", tmp.resolve("lc.png").toString());
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("xai: --plot: layer-conductance's attributions are shaped like its layer, not like the input; draw them from"
                + " the --out file\n", r.err());
    }
}
