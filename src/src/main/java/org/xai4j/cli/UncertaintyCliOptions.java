package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxValueInfo;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.uncertainty.DeepEnsemble;
import org.xai4j.explain.uncertainty.MonteCarloDropout;
import org.xai4j.explain.uncertainty.OutputTransform;
import org.xai4j.explain.uncertainty.PredictiveMoments;
import org.xai4j.explain.uncertainty.UncertaintyOptions;
import org.xai4j.explain.uncertainty.VarianceKind;
import picocli.CommandLine.Option;

/**
 * The options {@code xai uncertainty} and {@code xai calibrate} share: one model or a deep ensemble
 * (repeated {@code --model}), MC dropout passes, the variance head, and the checks that refuse a
 * question the models cannot answer.
 */
final class UncertaintyCliOptions {
    /** Passes when a member has Dropout nodes and --mc-dropout is not given. */
    static final int DEFAULT_PASSES = 100;
    /** Most float values in one stacked input of a forward pass (16 MiB). */
    private static final long MAX_BATCH_VALUES = 1L << 22;

    @Option(names = "--model", required = true, paramLabel = "M.onnx",
            description = "the ONNX model; repeat for a deep ensemble (equally weighted mixture)")
    List<Path> models;

    @Option(names = "--mc-dropout", paramLabel = "T",
            description = "MC dropout passes per sample (default " + DEFAULT_PASSES + " when a model has Dropout nodes; 0: dropout off)")
    Integer passes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the dropout masks (default: ${DEFAULT-VALUE}); the numbers do not depend on threads or --batch-size")
    long seed;

    @Option(names = "--output", paramLabel = "NAME|INDEX",
            description = "the output that predicts the mean (default: the first output that is not the variance head)")
    String meanOutput;

    @Option(names = "--variance-output", paramLabel = "NAME|INDEX",
            description = "the output that predicts the aleatoric variance (Kendall and Gal 2017; default: none, epistemic variance only)")
    String varianceOutput;

    @Option(names = "--variance-kind", paramLabel = "KIND", defaultValue = "logvar",
            description = "what the variance head outputs: logvar, var or std (default: ${DEFAULT-VALUE})")
    String varianceKind;

    @Option(names = "--batch-size", paramLabel = "ROWS",
            description = "most (sample, pass) rows per forward pass (default: up to 4096, bounded by memory); results do not depend on it")
    Integer batchSize;

    /** The loaded members, their inputs read and checked, and the options each runs with. */
    record Loaded(List<OnnxGraphModel> members, List<Tensor> inputs, List<UncertaintyOptions> options, int passes) {
        long rows() {
            return (long) inputs.get(0).size(0) * Math.max(1, passes) * members.size();
        }

        /** The same run with {@code t} applied to every pass's mean output. */
        Loaded withTransform(OutputTransform t) {
            List<UncertaintyOptions> o = new ArrayList<>();
            for (UncertaintyOptions u : options) o.add(u.withTransform(t));
            return new Loaded(members, inputs, o, passes);
        }

        /** The moments of the model or of the ensemble's mixture. */
        PredictiveMoments estimate(LongConsumer progress) {
            if (members.size() == 1) return MonteCarloDropout.estimate(members.get(0), inputs, options.get(0), progress);
            return DeepEnsemble.estimate(members, inputs, options, progress);
        }
    }

    /**
     * Loads the models and binds {@code inputFiles} to each (every member must accept them); refuses, as a
     * usage error, a single model with neither Dropout nodes nor a variance head (its uncertainty would be
     * zero) when {@code requireUncertainty}.
     */
    Loaded load(List<Path> inputFiles, OutputTransform transform, boolean requireUncertainty) throws IOException {
        if (passes != null && passes < 0) throw new Main.UsageError("--mc-dropout must be >= 0, got " + passes);
        if (passes != null && passes > MonteCarloDropout.MAX_PASSES) {
            throw new Main.UsageError("--mc-dropout must be at most " + MonteCarloDropout.MAX_PASSES + ", got " + passes);
        }
        if (batchSize != null && batchSize < 1) throw new Main.UsageError("--batch-size must be at least 1, got " + batchSize);
        VarianceKind kind = parseKind(varianceKind);
        List<OnnxGraphModel> members = new ArrayList<>();
        List<Tensor> inputs = null;
        boolean anyDropout = false;
        for (Path p : models) {
            OnnxGraphModel m = CliFiles.loadModel(p);
            members.add(m);
            anyDropout |= hasDropout(m);
            List<Tensor> x = CliFiles.readInputs(m, inputFiles);
            if (inputs == null) inputs = x;
        }
        int t = passes != null ? passes : anyDropout ? DEFAULT_PASSES : 0;
        if (requireUncertainty && members.size() == 1 && varianceOutput == null && (t == 0 || !anyDropout)) {
            String why = !anyDropout ? "has no Dropout node" : "runs with dropout off (--mc-dropout 0)";
            throw new Main.UsageError(models.get(0) + " " + why + " and no --variance-output names a variance head: "
                    + "its uncertainty would be zero; name the head (--variance-output NAME|INDEX), use a model with "
                    + "dropout, or an ensemble (--model a.onnx --model b.onnx)");
        }
        if (passes != null && passes > 0 && !anyDropout) {
            throw new Main.UsageError("--mc-dropout " + passes + ": no model has a Dropout node; every pass would give the same output");
        }
        List<UncertaintyOptions> options = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            OnnxGraphModel m = members.get(i);
            int variance = varianceOutput == null ? -1 : outputIndex(m, models.get(i), varianceOutput, "--variance-output");
            int mean = meanOutput != null ? outputIndex(m, models.get(i), meanOutput, "--output") : variance == 0 ? 1 : 0;
            if (mean >= m.outputNames().size()) {
                throw new Main.UsageError(models.get(i) + " has only the output " + m.outputNames() + ", which --variance-output names; there is no mean output");
            }
            if (mean == variance) throw new Main.UsageError("--output and --variance-output name the same output '" + m.outputNames().get(mean) + "'");
            int memberPasses = hasDropout(m) ? t : 0;
            options.add(new UncertaintyOptions(memberPasses, seed, mean, variance, kind, transform, rows(m, inputs)));
        }
        return new Loaded(members, inputs, options, t);
    }

    static boolean hasDropout(OnnxGraphModel m) {
        return m.nodes().stream().anyMatch(n -> n.opType().equals("Dropout"));
    }

    private static VarianceKind parseKind(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "logvar" -> VarianceKind.LOGVAR;
            case "var" -> VarianceKind.VAR;
            case "std" -> VarianceKind.STD;
            default -> throw new Main.UsageError("--variance-kind must be logvar, var or std, got '" + s + "'");
        };
    }

    /** An output named, or numbered from 0. */
    static int outputIndex(OnnxGraphModel m, Path file, String value, String option) {
        int byName = m.outputNames().indexOf(value);
        if (byName >= 0) return byName;
        if (value.matches("\\d{1,9}")) {
            int k = Integer.parseInt(value);
            if (k < m.outputNames().size()) return k;
        }
        throw new Main.UsageError(option + " " + value + ": " + file + " has the outputs " + m.outputNames()
                + " (a name, or an index from 0 to " + (m.outputNames().size() - 1) + ")");
    }

    /** Rows per forward pass: --batch-size, or as many as fit MAX_BATCH_VALUES up to 4096; 1 for a model whose batch is fixed to 1. */
    private int rows(OnnxGraphModel m, List<Tensor> inputs) {
        for (OnnxValueInfo info : m.inputInfos()) {
            if (info.hasShape() && !info.dims().isEmpty() && info.dims().get(0).value() > 0) {
                long fixed = info.dims().get(0).value();
                if (fixed != 1) {
                    throw new Main.UsageError("input '" + info.name() + "' has a fixed batch of " + fixed
                            + " (declared " + info.shapeString() + "); stacking samples and passes needs a symbolic batch or 1");
                }
                return 1;
            }
        }
        if (batchSize != null) return batchSize;
        long perRow = 1;
        for (Tensor x : inputs) perRow += Shape.numel(x.shape()) / Math.max(1, x.size(0));
        return (int) Math.max(1, Math.min(4096, MAX_BATCH_VALUES / perRow));
    }
}
