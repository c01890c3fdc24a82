package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.MiniJson;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.calibration.ClassificationCalibration;
import org.xai4j.explain.calibration.RegressionCalibration;
import org.xai4j.explain.calibration.SplitConformal;
import org.xai4j.explain.uncertainty.MonteCarloDropout;
import org.xai4j.explain.uncertainty.PredictiveMoments;
import org.xai4j.explain.uncertainty.UncertaintyOptions;
import org.xai4j.explain.uncertainty.VarianceKind;

/** {@code xai calibrate}: its JSON holds the library's numbers, for regression and classification. */
class CliCalibrateTest {
    @TempDir Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) throws Exception {
        return (Map<String, Object>) MiniJson.parse(text);
    }

    static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    void regressionReportAndConformalCoverage() throws Exception {
        int n = 120;
        float[] x = new float[n * 4], y = new float[n];
        RandomStream r = new RandomStream(1, 0);
        r.fillNormal(x, 0, x.length);
        r.fillNormal(y, 0, y.length);
        Path data = tmp.resolve("x.npy"), labels = tmp.resolve("y.npy"), csv = tmp.resolve("curve.csv"), report = tmp.resolve("r.json");
        Npy.write(data, HostArray.ofFloat(new int[] {n, 4}, x));
        Npy.write(labels, HostArray.ofFloat(new int[] {n, 1}, y));
        CliRunner.Result res = run("calibrate", "--model", CliUncertaintyTest.MODEL, "--data", data.toString(), "--labels",
                labels.toString(), "--variance-output", "logvar", "--mc-dropout", "40", "--seed", "2", "--conformal", "0.1",
                "--csv", csv.toString(), "--json", report.toString());
        assertEquals(0, res.code(), res.err());
        Map<String, Object> j = json(res.out());
        assertEquals(res.out(), Files.readString(report));
        assertEquals("regression", j.get("task"));
        var model = OnnxModelLoader.load(Path.of(CliUncertaintyTest.MODEL));
        PredictiveMoments p = MonteCarloDropout.estimate(model, List.of(Tensor.of(x, n, 4)),
                UncertaintyOptions.monteCarlo(40, 2).withVarianceHead(1, VarianceKind.LOGVAR), null);
        double[] target = new double[n], sigma = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = y[i];
            sigma[i] = Math.sqrt(p.total()[i]);
        }
        var expected = RegressionCalibration.compute(target, p.mean(), sigma);
        assertEquals(expected.rmse(), num(j.get("rmse")), 0);
        assertEquals(expected.nll(), num(j.get("nll")), 0);
        assertEquals(expected.miscalibrationArea(), num(j.get("miscalibration_area")), 0);
        Map<String, Object> within = (Map<String, Object>) j.get("within");
        for (int k = 1; k <= 3; k++) {
            assertEquals(expected.fractionWithin()[k - 1], num(((Map<String, Object>) within.get(k + "sigma")).get("observed")), 0);
        }
        var c = SplitConformal.regression(target, p.mean(), sigma, 0.1, SplitConformal.Split.of(n, 0.5, 0));
        Map<String, Object> conformal = (Map<String, Object>) j.get("conformal");
        assertEquals(c.coverage(), num(conformal.get("coverage")), 0);
        assertEquals(60L, conformal.get("test_samples"));
        assertEquals(c.threshold(), num(conformal.get("threshold")), 0);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(RegressionCalibration.LEVELS + 1, lines.size());
        assertEquals("expected,observed", lines.get(0));
        assertTrue(res.err().contains("within 1/2/3 sigma"), res.err());
        // --plot: one point per value, |y - mean| against sigma
        Path svg = tmp.resolve("errors.svg");
        CliRunner.Result plotted = run("calibrate", "--model", CliUncertaintyTest.MODEL, "--data", data.toString(), "--labels",
                labels.toString(), "--variance-output", "logvar", "--mc-dropout", "40", "--seed", "2", "--plot", svg.toString());
        assertEquals(0, plotted.code(), plotted.err());
        assertEquals(n, Files.readString(svg).split("<circle ", -1).length - 1, "one point per value");
    }

    @Test
    void classificationReportOfADeterministicModel() throws Exception {
        Path data = captum("iris_mlp", "input.npy");
        Path labels = tmp.resolve("labels.npy"), csv = tmp.resolve("rel.csv");
        long[] y = {0, 1, 2, 2, 1, 0};
        Npy.write(labels, HostArray.ofLong(new int[] {6}, y));
        CliRunner.Result res = run("calibrate", "--model", captum("iris_mlp", "model.onnx").toString(), "--data", data.toString(),
                "--labels", labels.toString(), "--csv", csv.toString());
        assertEquals(0, res.code(), res.err());
        Map<String, Object> j = json(res.out());
        assertEquals("classification", j.get("task"));
        var model = OnnxModelLoader.load(captum("iris_mlp", "model.onnx"));
        HostArray xa = Npy.read(data);
        float[] logits = model.run(List.of(Tensor.of(xa.toFloatArray(), xa.shape())), RunOptions.INFERENCE).output(0).toArray();
        double[] prob = new double[logits.length];
        int[] yi = new int[6];
        for (int i = 0; i < 6; i++) {
            yi[i] = (int) y[i];
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < 3; c++) max = Math.max(max, logits[i * 3 + c]);
            for (int c = 0; c < 3; c++) sum += prob[i * 3 + c] = Math.exp(logits[i * 3 + c] - max);
            for (int c = 0; c < 3; c++) prob[i * 3 + c] /= sum;
        }
        var e = ClassificationCalibration.compute(prob, 3, yi, 15);
        assertEquals(e.ece(), num(j.get("ece")), 1e-12);
        assertEquals(e.brier(), num(j.get("brier")), 1e-12);
        assertEquals(e.nll(), num(j.get("nll")), 1e-12);
        assertEquals(e.accuracy(), num(j.get("accuracy")), 0);
        assertEquals(15, ((List<?>) j.get("reliability")).size());
        assertEquals(16, Files.readAllLines(csv).size());
        // --plot: the reliability diagram, titled with the same ECE (top-label confidence, 15 bins)
        Path svg = tmp.resolve("reliability.svg");
        CliRunner.Result plotted = run("calibrate", "--model", captum("iris_mlp", "model.onnx").toString(), "--data", data.toString(),
                "--labels", labels.toString(), "--plot", svg.toString());
        assertEquals(0, plotted.code(), plotted.err());
        String text = Files.readString(svg);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "ECE %.4f", e.ece())), text.substring(0, Math.min(600, text.length())));
    }

    @Test
    void badLabelsAreUsageErrors() throws Exception {
        Path data = captum("iris_mlp", "input.npy"), labels = tmp.resolve("l.npy");
        Npy.write(labels, HostArray.ofLong(new int[] {6}, new long[] {0, 1, 2, 3, 1, 0}));
        CliRunner.Result res = run("calibrate", "--model", captum("iris_mlp", "model.onnx").toString(), "--data", data.toString(),
                "--labels", labels.toString());
        assertEquals(2, res.code());
        assertTrue(res.err().contains("value 3.0 at index 3 is not a class index in [0, 3)"), res.err());
        Npy.write(labels, HostArray.ofLong(new int[] {5}, new long[] {0, 1, 2, 1, 0}));
        res = run("calibrate", "--model", captum("iris_mlp", "model.onnx").toString(), "--data", data.toString(), "--labels", labels.toString());
        assertEquals(2, res.code());
        assertTrue(res.err().contains("one class index per sample (6)"), res.err());
        // regression needs a predicted variance
        res = run("calibrate", "--model", captum("iris_mlp", "model.onnx").toString(), "--data", data.toString(),
                "--labels", labels.toString(), "--task", "regression");
        assertEquals(2, res.code());
        assertTrue(res.err().contains("no --variance-output"), res.err());
        res = run("calibrate", "--model", captum("iris_mlp", "model.onnx").toString(), "--data", data.toString(),
                "--labels", labels.toString(), "--conformal", "1.5");
        assertEquals(2, res.code());
    }

    /**
     * The worked example of the README (examples/diabetes, 1,000 MC dropout passes, seed 0): 132 of the 142
     * test targets within 2 σ, conformal coverage 65 of the 71 held out. A different SIMD width may round a
     * boundary case the other way, so one sample either way is allowed.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theDiabetesExampleIsCalibratedAsTheReadmeSays() throws Exception {
        Path dir = Paths.get("..", "examples", "diabetes");
        if (!Files.exists(dir)) dir = Paths.get("examples", "diabetes");
        CliRunner.Result res = run("calibrate", "--model", dir.resolve("model.onnx").toString(), "--data", dir.resolve("test_x.npy").toString(),
                "--labels", dir.resolve("test_y.npy").toString(), "--variance-output", "logvar", "--mc-dropout", "1000", "--seed", "0",
                "--conformal", "0.1");
        assertEquals(0, res.code(), res.err());
        Map<String, Object> j = json(res.out());
        double within2 = num(((Map<String, Object>) ((Map<String, Object>) j.get("within")).get("2sigma")).get("observed"));
        assertEquals(132.0 / 142, within2, 1.0 / 142 + 1e-12);
        double coverage = num(((Map<String, Object>) j.get("conformal")).get("coverage"));
        assertEquals(65.0 / 71, coverage, 1.0 / 71 + 1e-12);
        assertEquals(55.22, num(j.get("rmse")), 0.05);
    }
}
