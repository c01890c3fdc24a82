package org.xai4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.dataset.Metric;
import org.xai4j.explain.dataset.PermutationImportance;
import org.xai4j.explain.dataset.PermutationImportanceOptions;
import org.xai4j.explain.dataset.PermutationImportanceResult;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.render.FigureFiles;
import org.xai4j.explain.render.ImportancePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai importance}: permutation feature importance over a dataset (Breiman 2001; scikit-learn's
 * permutation_importance): the drop in the metric when one feature's column is shuffled.
 */
@Command(name = "importance", mixinStandardHelpOptions = true,
        description = "Permutation feature importance: mean and std of the metric's drop over repeats.")
final class ImportanceCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin InputFiles inputFiles;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "X.npy|X.csv", description = "the rows (N, features...)")
    Path data;

    @Option(names = "--labels", required = true, paramLabel = "y.npy", description = "one label per row: a class index or a regression target")
    Path labels;

    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "accuracy, logloss, r2 or mse")
    String metric;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "permutations per feature (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the permutations (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch-size", paramLabel = "N", description = "rows per forward pass (default 64); results do not depend on it")
    Integer batchSize;

    @Option(names = "--out", paramLabel = "I.npy|I.csv", description = "write the metric's drop per feature and repeat, (features, repeats); a .csv name writes one row per feature: mean, std, then each repeat's drop (default: printed only)")
    Path out;

    @Option(names = "--plot", paramLabel = "F.png|F.svg", description = "also draw the importances: bars of the mean drop with +-1 std error bars (default: none drawn)")
    Path plot;

    @Option(names = "--feature-names", paramLabel = "names.txt", description = "feature names, one a line, for the plot (default: the CSV header, or x0, x1, ...)")
    Path featureNames;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OutputFiles.check().add("--out", out).add("--plot", plot).verify();
        if (plot != null && !FigureFiles.supported(plot)) throw new Main.UsageError("--plot " + plot + ": expected a .png or .svg file name");
        OptionLimits.count("--repeats", repeats);
        OptionLimits.count("--batch-size", batchSize);
        OnnxGraphModel m = CliFiles.loadModel(model);
        Tensor x = CliFiles.readInputs(m, List.of(data), inputFiles, common.allowNonFinite).get(0);
        CliFiles.requireFile(labels);
        HostArray y = Npy.read(labels);
        float[] yValues = y.toFloatArray();
        NonFinite.requireFinite("--labels " + labels, yValues, y.shape(), y, common.allowNonFinite);
        Metric met;
        PermutationImportanceOptions options;
        try {
            met = Metric.parse(metric);
            options = new PermutationImportanceOptions(met, repeats, seed, null,
                    batchSize == null ? BatchedForward.DEFAULT_BATCH_SIZE : batchSize);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
        PermutationImportanceResult r = new PermutationImportance(options).compute(m, x, Tensor.of(yValues, y.shape()));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "baseline %s: %.6f%n", met.cliName(), r.baselineScore());
        o.printf(Locale.ROOT, "%-8s %12s %12s%n", "feature", "mean", "std");
        for (int i = 0; i < r.features().length; i++) {
            o.printf(Locale.ROOT, "%-8d %12.6f %12.6f%n", r.features()[i], r.mean()[i], r.std()[i]);
        }
        if (plot != null) {
            List<String> names = NameFiles.read(featureNames, "--feature-names", 0, "features");
            String[] labels = new String[r.features().length];
            for (int i = 0; i < labels.length; i++) labels[i] = NameFiles.name(names, r.features()[i], "x");
            FigureFiles.write(plot, new ImportancePlot(labels, r.mean(), r.std(),
                    String.format(Locale.ROOT, "permutation importance (baseline %s %.4g)", met.cliName(), r.baselineScore()),
                    "drop in " + met.cliName() + " when shuffled"));
        }
        if (out != null) {
            int f = r.importances().length, reps = f == 0 ? 0 : r.importances()[0].length;
            float[] v = new float[f * reps];
            for (int i = 0; i < f; i++) for (int k = 0; k < reps; k++) v[i * reps + k] = (float) r.importances()[i][k];
            if (out.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                writeCsv(r, v, reps);
                common.wrote(out, new int[] {f, 2 + reps});
            } else {
                CliFiles.writeNpy(out, Tensor.of(v, f, reps));
                common.wrote(out, new int[] {f, reps});
            }
        }
        return Main.OK;
    }

    /** One row per feature (named by the CSV input's header, else its index): mean, std, then each repeat's drop. */
    private void writeCsv(PermutationImportanceResult r, float[] drops, int reps) throws java.io.IOException {
        int f = r.features().length;
        List<String> header = new java.util.ArrayList<>(List.of("mean", "std"));
        for (int k = 0; k < reps; k++) header.add("repeat" + (k + 1));
        List<String> names = new java.util.ArrayList<>();
        float[] v = new float[f * (2 + reps)];
        for (int i = 0; i < f; i++) {
            int feature = r.features()[i];
            names.add(inputFiles.featureNames != null && feature < inputFiles.featureNames.size()
                    ? inputFiles.featureNames.get(feature) : Integer.toString(feature));
            v[i * (2 + reps)] = (float) r.mean()[i];
            v[i * (2 + reps) + 1] = (float) r.std()[i];
            System.arraycopy(drops, i * reps, v, i * (2 + reps) + 2, reps);
        }
        org.xai4j.engine.io.data.CsvWriter.write(out, header, "feature", names, v);
    }
}
