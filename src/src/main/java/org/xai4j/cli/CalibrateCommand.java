package org.xai4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.explain.calibration.ClassificationCalibration;
import org.xai4j.explain.calibration.RegressionCalibration;
import org.xai4j.explain.calibration.SplitConformal;
import org.xai4j.explain.render.ErrorSigmaPlot;
import org.xai4j.explain.render.Figure;
import org.xai4j.explain.render.FigureFiles;
import org.xai4j.explain.render.ReliabilityDiagram;
import org.xai4j.explain.uncertainty.OutputTransform;
import org.xai4j.explain.uncertainty.PredictiveMoments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai calibrate}: how well the predicted uncertainty fits labelled data. Regression: coverage of
 * the 1/2/3 σ intervals, Gaussian NLL, miscalibration area, RMSE; classification: ECE, Brier, NLL and the
 * reliability table; optionally split-conformal sets with their measured coverage. JSON on stdout.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibration of predicted uncertainty on labelled data (JSON on stdout), and split-conformal intervals.")
final class CalibrateCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin UncertaintyCliOptions uncertainty;
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "X.npy", description = "the samples (axis 0)")
    Path data;

    @Option(names = "--labels", required = true, paramLabel = "y.npy",
            description = "regression targets (as many as the mean output's values) or class indices (one per sample)")
    Path labels;

    @Option(names = "--task", paramLabel = "KIND", defaultValue = "auto",
            description = "regression, classification, or auto (default): classification for a 1-D integer label array")
    String task;

    @Option(names = "--probabilities", paramLabel = "HOW", defaultValue = "auto",
            description = "classification: softmax, none (the output already holds probabilities), or auto (default: none after a Softmax node, else softmax); applied to every pass before averaging")
    String probabilities;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "15", description = "ECE bins (default ${DEFAULT-VALUE}, as Guo et al. 2017)")
    int bins;

    @Option(names = "--conformal", paramLabel = "ALPHA", description = "split-conformal sets of coverage 1 - ALPHA, calibrated on one split and measured on the rest (default: none)")
    Double alpha;

    @Option(names = "--calibration-fraction", paramLabel = "F", defaultValue = "0.5", description = "with --conformal: the share of samples that calibrates (default ${DEFAULT-VALUE})")
    double calibrationFraction;

    @Option(names = "--split-seed", paramLabel = "S", defaultValue = "0", description = "with --conformal: seed of the split (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--json", paramLabel = "R.json", description = "also write the report to this file (default: stdout only)")
    Path json;

    @Option(names = "--plot", paramLabel = "F.png|F.svg",
            description = "also draw the calibration: regression, |y - mean| against sigma with the lines |error| = k sigma (k = 1, 2, 3); classification, the reliability diagram (default: none drawn)")
    Path plot;

    @Option(names = "--csv", paramLabel = "T.csv", description = "write the table: the reliability bins (classification) or the coverage curve (regression) (default: not written)")
    Path csv;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OutputFiles.check().add("--json", json).add("--csv", csv).add("--plot", plot).verify();
        if (plot != null && !FigureFiles.supported(plot)) throw new Main.UsageError("--plot " + plot + ": expected a .png or .svg file name");
        if (bins < 1) throw new Main.UsageError("--bins must be at least 1, got " + bins);
        if (alpha != null && !(alpha > 0 && alpha < 1)) throw new Main.UsageError("--conformal ALPHA must be in (0, 1), got " + alpha);
        if (!(calibrationFraction > 0 && calibrationFraction < 1)) {
            throw new Main.UsageError("--calibration-fraction must be in (0, 1), got " + calibrationFraction);
        }
        String kind = task.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "regression", "classification").contains(kind)) {
            throw new Main.UsageError("--task must be regression, classification or auto, got '" + task + "'");
        }
        CliFiles.requireFile(labels);
        HostArray y = Npy.read(labels);
        if (kind.equals("auto")) kind = y.dtype().isIntegral() && y.shape().length <= 1 ? "classification" : "regression";
        boolean classification = kind.equals("classification");
        // a classifier's probabilities are an uncertainty by themselves; a regressor needs a variance
        UncertaintyCliOptions.Loaded loaded = uncertainty.load(List.of(data), OutputTransform.IDENTITY, !classification);
        int n = loaded.inputs().get(0).size(0);
        OnnxGraphModel first = loaded.members().get(0);
        int meanIndex = loaded.options().get(0).meanOutput();
        if (classification) loaded = loaded.withTransform(transform(first, meanIndex));
        var err = spec.commandLine().getErr();
        long start = System.nanoTime();
        PredictiveMoments p;
        try (Progress progress = Progress.start(err, "calibrate", loaded.rows())) {
            p = loaded.estimate(progress::step);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        Figure figure = null;
        report.put("task", kind);
        List<String> names = new ArrayList<>();
        for (Path m : uncertainty.models) names.add(m.toString());
        report.put("models", names);
        report.put("mc_dropout_passes", loaded.passes());
        report.put("seed", uncertainty.seed);
        report.put("samples", n);
        String table;
        String summary;
        if (classification) {
            int classes = p.elementsPerSample();
            if (p.shape().length != 2 || classes < 2) {
                throw new Main.UsageError("classification needs a mean output of shape (N, classes >= 2), got " + Shape.str(p.shape()));
            }
            int[] labelsInt = classLabels(y, n, classes);
            var r = ClassificationCalibration.compute(p.mean(), classes, labelsInt, bins);
            report.put("classes", classes);
            report.put("accuracy", r.accuracy());
            report.put("ece", r.ece());
            report.put("ece_bins", bins);
            report.put("brier", r.brier());
            report.put("nll", r.nll());
            List<Object> rows = new ArrayList<>();
            StringBuilder t = new StringBuilder("bin,lower,upper,count,confidence,accuracy\n");
            for (int b = 0; b < r.bins().length; b++) {
                var bin = r.bins()[b];
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("lower", bin.lower());
                row.put("upper", bin.upper());
                row.put("count", bin.count());
                if (bin.count() > 0) { // an empty bin has neither (JSON has no NaN)
                    row.put("confidence", bin.meanConfidence());
                    row.put("accuracy", bin.accuracy());
                }
                rows.add(row);
                t.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%d,%s,%s%n", b, bin.lower(), bin.upper(), bin.count(),
                        csvNumber(bin.meanConfidence()), csvNumber(bin.accuracy())));
            }
            report.put("reliability", rows);
            if (plot != null) {
                // each sample's top-class probability and whether that class is its label
                double[] confidence = new double[n];
                boolean[] correct = new boolean[n];
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int k = 1; k < classes; k++) if (p.mean()[i * classes + k] > p.mean()[i * classes + best]) best = k;
                    confidence[i] = p.mean()[i * classes + best];
                    correct[i] = best == labelsInt[i];
                }
                figure = new ReliabilityDiagram(confidence, correct, bins, "reliability, " + n + " samples");
            }
            table = t.toString();
            summary = String.format(Locale.ROOT, "calibrate: %d samples, %d classes: accuracy %.4f, ECE %.4f, Brier %.4f, NLL %.4f",
                    n, classes, r.accuracy(), r.ece(), r.brier(), r.nll());
            if (alpha != null) {
                var split = SplitConformal.Split.of(n, calibrationFraction, splitSeed);
                var c = SplitConformal.classification(p.mean(), classes, labelsInt, alpha, split);
                report.put("conformal", conformal(c, "mean_set_size"));
                summary += String.format(Locale.ROOT, "; conformal (alpha %.3g): coverage %.4f on %d held out, mean set size %.3f",
                        alpha, c.coverage(), c.testCount(), c.meanSize());
            }
        } else {
            double[] target = y.toDoubleArray();
            if (target.length != p.mean().length) {
                throw new Main.UsageError("--labels " + labels + " holds " + target.length + " values (shape " + Shape.str(y.shape())
                        + "), the mean output " + p.mean().length + " (shape " + Shape.str(p.shape()) + ")");
            }
            double[] total = p.total(), sigma = new double[total.length];
            for (int i = 0; i < total.length; i++) {
                sigma[i] = Math.sqrt(total[i]);
                if (!(sigma[i] > 0)) throw new Main.Failure("the predicted variance of value " + i + " is " + total[i] + "; it must be > 0 to calibrate");
            }
            var r = RegressionCalibration.compute(target, p.mean(), sigma);
            report.put("rmse", r.rmse());
            report.put("nll", r.nll());
            Map<String, Object> within = new LinkedHashMap<>();
            for (int k = 1; k <= 3; k++) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("observed", r.fractionWithin()[k - 1]);
                w.put("gaussian", RegressionCalibration.gaussianWithin(k));
                within.put(k + "sigma", w);
            }
            report.put("within", within);
            report.put("miscalibration_area", r.miscalibrationArea());
            if (plot != null) {
                double[] error = new double[target.length];
                for (int i = 0; i < target.length; i++) error[i] = Math.abs(target[i] - p.mean()[i]);
                figure = new ErrorSigmaPlot(sigma, error, new double[] {1, 2, 3}, "error against predicted sigma, " + target.length + " values");
            }
            report.put("mean_epistemic_variance", UncertaintyCommand.average(p.epistemic()));
            report.put("mean_aleatoric_variance", UncertaintyCommand.average(p.aleatoric()));
            StringBuilder t = new StringBuilder("expected,observed\n");
            for (int k = 0; k < r.expectedProportions().length; k++) {
                t.append(String.format(Locale.ROOT, "%.6f,%.6f%n", r.expectedProportions()[k], r.observedProportions()[k]));
            }
            table = t.toString();
            summary = String.format(Locale.ROOT,
                    "calibrate: %d values: within 1/2/3 sigma %.1f/%.1f/%.1f %% (Gaussian 68.3/95.4/99.7), NLL %.4f, miscalibration area %.4f, RMSE %.4g",
                    r.count(), 100 * r.fractionWithin()[0], 100 * r.fractionWithin()[1], 100 * r.fractionWithin()[2],
                    r.nll(), r.miscalibrationArea(), r.rmse());
            if (alpha != null) {
                if (p.elementsPerSample() != 1) throw new Main.UsageError("--conformal for regression needs one output value per sample, got " + p.elementsPerSample());
                var split = SplitConformal.Split.of(n, calibrationFraction, splitSeed);
                var c = SplitConformal.regression(target, p.mean(), sigma, alpha, split);
                report.put("conformal", conformal(c, "mean_width"));
                summary += String.format(Locale.ROOT, "; conformal (alpha %.3g): coverage %.4f on %d held out, mean width %.4g",
                        alpha, c.coverage(), c.testCount(), c.meanSize());
            }
        }
        report.put("seconds", (System.nanoTime() - start) / 1e9);
        String text = JsonReport.write(report);
        if (json != null) JsonReport.writeText(json, text);
        if (csv != null) JsonReport.writeText(csv, table);
        if (plot != null) {
            FigureFiles.write(plot, figure);
            common.note("wrote " + plot);
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        err.println(summary);
        return Main.OK;
    }

    private static Map<String, Object> conformal(SplitConformal.Result c, String sizeName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", c.alpha());
        m.put("target_coverage", 1 - c.alpha());
        m.put("calibration_samples", c.calibrationCount());
        m.put("test_samples", c.testCount());
        m.put("threshold", c.threshold());
        m.put("coverage", c.coverage());
        m.put(sizeName, c.meanSize());
        m.put("score", sizeName.equals("mean_width") ? "|y - mean| / sigma" : "1 - p_label");
        return m;
    }

    private static String csvNumber(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    private OutputTransform transform(OnnxGraphModel m, int meanIndex) {
        return switch (probabilities.toLowerCase(Locale.ROOT)) {
            case "softmax" -> OutputTransform.SOFTMAX;
            case "none" -> OutputTransform.IDENTITY;
            case "auto" -> {
                String out = m.outputNames().get(meanIndex);
                boolean softmaxed = m.nodes().stream().anyMatch(node -> node.outputs().contains(out) && node.opType().equals("Softmax"));
                yield softmaxed ? OutputTransform.IDENTITY : OutputTransform.SOFTMAX;
            }
            default -> throw new Main.UsageError("--probabilities must be softmax, none or auto, got '" + probabilities + "'");
        };
    }

    private int[] classLabels(HostArray y, int n, int classes) {
        if (y.size() != n) {
            throw new Main.UsageError("--labels " + labels + ": classification needs one class index per sample (" + n + "), got shape " + Shape.str(y.shape()));
        }
        double[] v = y.toDoubleArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classes) {
                throw new Main.UsageError("--labels " + labels + ": value " + v[i] + " at index " + i + " is not a class index in [0, " + classes + ")");
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
