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
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "X.npy", description = "the rows (N, features...)")
    Path data;

    @Option(names = "--labels", required = true, paramLabel = "y.npy", description = "one label per row: a class index or a regression target")
    Path labels;

    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "accuracy, logloss, r2 or mse")
    String metric;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "permutations per feature (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the permutations (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch-size", paramLabel = "N", description = "rows per forward pass; results do not depend on it")
    Integer batchSize;

    @Option(names = "--out", paramLabel = "I.npy", description = "write the importances, (features, repeats)")
    Path out;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OutputFiles.check().add("--out", out).verify();
        OptionLimits.count("--repeats", repeats);
        OptionLimits.count("--batch-size", batchSize);
        OnnxGraphModel m = CliFiles.loadModel(model);
        Tensor x = CliFiles.readInputs(m, List.of(data), common.allowNonFinite).get(0);
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
        if (out != null) {
            int f = r.importances().length, reps = f == 0 ? 0 : r.importances()[0].length;
            float[] v = new float[f * reps];
            for (int i = 0; i < f; i++) for (int k = 0; k < reps; k++) v[i * reps + k] = (float) r.importances()[i][k];
            CliFiles.writeNpy(out, Tensor.of(v, f, reps));
        }
        return Main.OK;
    }
}
