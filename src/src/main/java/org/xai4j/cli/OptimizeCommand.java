package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxValueInfo;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.optimize.ActivationMaximization;
import org.xai4j.explain.optimize.ActivationMaximizationOptions;
import org.xai4j.explain.optimize.GreedyMutation;
import org.xai4j.explain.optimize.GreedyOptions;
import org.xai4j.explain.optimize.OptimizationResult;
import org.xai4j.explain.optimize.SequenceObjective;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai optimize}: the input a model scores highest. Over a discrete alphabet, greedy mutation
 * (random or gradient-guided proposals, restarts batched); for continuous inputs, activation
 * maximization by gradient ascent with L2 decay and a box (Simonyan et al. 2013).
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Find an input the model scores highest: greedy sequence mutation, or gradient ascent for continuous inputs.")
final class OptimizeCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin SequenceInput sequence;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "greedy",
            description = "greedy (random single-letter mutations), gradient-guided, or activation-max (continuous inputs) (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--input", paramLabel = "START.npy", description = "the start: a one-hot sequence, or (activation-max) a continuous input (1, ...); default: random (greedy), zeros (activation-max)")
    Path input;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "steps per chain (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the starts and proposals (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--restarts", paramLabel = "R", defaultValue = "1", description = "independent chains, batched together; --out holds the best (default: ${DEFAULT-VALUE})")
    int restarts;

    @Option(names = "--candidates", paramLabel = "K", description = "mutations tried per step, the best kept (default: 1 for greedy, as the DeepChem book; 16 for gradient-guided)")
    Integer candidates;

    // 32: on the 101-bp CNN, larger speculative batches mostly score proposals that an earlier improvement
    // discards (1,000 steps: 6.6 ms at 8 rows, 8.5 ms at 32, 9.7 ms at 256, 31.5 ms at 1); the
    // gradient-guided groups and the restarts still fill it
    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "32", description = "most rows per forward pass; the result does not depend on it (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--out", required = true, paramLabel = "BEST.npy", description = "the best input: one-hot (1, |A|, L) in the model's layout, or the continuous input")
    Path out;

    @Option(names = "--fasta", paramLabel = "BEST.fa", description = "every chain's best sequence with its score, best first (default: not written)")
    Path fasta;

    @Option(names = "--trace", paramLabel = "TRACE.csv", description = "the score after each step (row 0: the start), one column per chain (default: not written)")
    Path trace;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "activation-max: step size (default: ${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0.01", description = "activation-max: L2 decay weight, maximizing S(x) - LAMBDA |x|^2 (default: ${DEFAULT-VALUE})")
    float l2;

    @Option(names = "--clip", paramLabel = "MIN,MAX", description = "activation-max: keep every value in [MIN, MAX] (default: unbounded)")
    String clip;

    @Option(names = "--jitter", paramLabel = "N", defaultValue = "0",
            description = "activation-max: take each gradient at the input rolled by up to N positions along the last two axes (default: ${DEFAULT-VALUE})")
    int jitter;

    @Option(names = "--blur-every", paramLabel = "K", defaultValue = "0",
            description = "activation-max: smooth the input with [1,2,1]/4 along the last two axes every K steps (default: ${DEFAULT-VALUE}: never)")
    int blurEvery;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OutputFiles.check().add("--out", out).add("--fasta", fasta).add("--trace", trace).verify();
        if (steps < 0) throw new Main.UsageError("--steps must be >= 0, got " + steps);
        if (restarts < 1) throw new Main.UsageError("--restarts must be at least 1, got " + restarts);
        if (batchSize < 1) throw new Main.UsageError("--batch-size must be at least 1, got " + batchSize);
        if (candidates != null && candidates < 1) throw new Main.UsageError("--candidates must be at least 1, got " + candidates);
        String m = method.toLowerCase(Locale.ROOT);
        OnnxGraphModel net = CliFiles.loadModel(model);
        return switch (m) {
            case "greedy", "gradient-guided" -> greedy(net, m.equals("gradient-guided"));
            case "activation-max" -> activationMax(net);
            default -> throw new Main.UsageError("--method must be greedy, gradient-guided or activation-max, got '" + method + "'");
        };
    }

    private int greedy(OnnxGraphModel net, boolean guided) throws Exception {
        if (clip != null || jitter != 0 || blurEvery != 0) throw new Main.UsageError("--clip, --jitter and --blur-every apply to --method activation-max");
        SequenceInput.Layout layout = sequence.layout(net, model);
        int[] start = sequence.read(input, layout);
        int l = layout.length() > 0 ? layout.length() : start != null ? start.length : -1;
        if (l < 1) throw new Main.UsageError("the model does not declare its sequence length: give --length L");
        SequenceObjective objective = new SequenceObjective(net, layout.alphabet(), l, layout.channelsFirst(), sequence.target,
                sequence.transform());
        int k = candidates != null ? candidates : guided ? 16 : 1;
        GreedyOptions o = new GreedyOptions(steps, seed, restarts, k, batchSize, guided);
        var err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        OptimizationResult r;
        try (Progress progress = Progress.start(err, "optimize", (long) steps * restarts)) {
            r = runReportingBadTargets(() -> GreedyMutation.run(objective, start, o, progress::step));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int best = r.bestChain();
        var alphabet = layout.alphabet();
        int[] shape = layout.channelsFirst() ? new int[] {1, alphabet.size(), l} : new int[] {1, l, alphabet.size()};
        CliFiles.writeNpy(out, Tensor.of(alphabet.oneHot(r.sequences()[best], layout.channelsFirst()), shape));
        if (fasta != null) {
            StringBuilder b = new StringBuilder();
            Integer[] order = new Integer[restarts];
            for (int c = 0; c < restarts; c++) order[c] = c;
            java.util.Arrays.sort(order, (x, y) -> Double.compare(r.scores()[y], r.scores()[x]));
            for (int c : order) {
                b.append(String.format(Locale.ROOT, ">chain%d score=%.6f start=%.6f seed=%d steps=%d%n", c, r.scores()[c],
                        r.startScores()[c], seed, steps));
                b.append(alphabet.text(r.sequences()[c])).append('\n');
            }
            JsonReport.writeText(fasta, b.toString());
        }
        if (trace != null) {
            StringBuilder b = new StringBuilder("step");
            for (int c = 0; c < restarts; c++) b.append(",chain").append(c);
            b.append('\n');
            for (int s = -1; s < steps; s++) {
                b.append(s + 1);
                for (int c = 0; c < restarts; c++) b.append(',').append(s < 0 ? r.startScores()[c] : r.trace()[c][s]);
                b.append('\n');
            }
            JsonReport.writeText(trace, b.toString());
        }
        spec.commandLine().getOut().println(alphabet.text(r.sequences()[best]));
        err.println(String.format(Locale.ROOT,
                "optimize: %s, best score %.6f (chain %d of %d; start %.6f) after %d steps in %.2fs; %d forward passes, %d rows",
                guided ? "gradient-guided" : "greedy", r.scores()[best], best, restarts, r.startScores()[best], steps, seconds,
                r.forwardPasses(), r.rows()));
        return Main.OK;
    }

    private int activationMax(OnnxGraphModel net) throws Exception {
        if (sequence.sequenceText != null) throw new Main.UsageError("--sequence applies to the sequence methods, not activation-max");
        if (fasta != null) throw new Main.UsageError("--fasta applies to the sequence methods, not activation-max");
        if (!(lr > 0)) throw new Main.UsageError("--lr must be > 0, got " + lr);
        if (!(l2 >= 0)) throw new Main.UsageError("--l2 must be >= 0, got " + l2);
        float min = Float.NEGATIVE_INFINITY, max = Float.POSITIVE_INFINITY;
        if (clip != null) {
            String[] parts = clip.split(",");
            try {
                if (parts.length != 2) throw new NumberFormatException();
                min = Float.parseFloat(parts[0].trim());
                max = Float.parseFloat(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new Main.UsageError("--clip expects MIN,MAX (two numbers), got '" + clip + "'");
            }
            if (!(min <= max)) throw new Main.UsageError("--clip " + clip + ": MIN must be <= MAX");
        }
        Tensor start;
        if (input != null) {
            start = CliFiles.readInputs(net, List.of(input)).get(0);
        } else {
            if (net.inputInfos().size() != 1) throw new Main.UsageError(model + " takes " + net.inputInfos().size() + " inputs; activation-max needs one");
            start = Tensor.zeros(fixedShape(net.inputInfos().get(0)));
        }
        if (start.size(0) != 1) throw new Main.UsageError("--input " + input + ": activation-max starts from one row (1, ...), got " + start.size(0));
        double[] scores = new double[steps + 1];
        var err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        if (jitter < 0) throw new Main.UsageError("--jitter must be >= 0, got " + jitter);
        if (blurEvery < 0) throw new Main.UsageError("--blur-every must be >= 0, got " + blurEvery);
        if (sequence.target < 0) throw new Main.UsageError("--target must be >= 0, got " + sequence.target);
        if ((jitter > 0 || blurEvery > 0) && start.dim() < 2) throw new Main.UsageError("--jitter and --blur-every need an input with axes after the batch");
        var options = new ActivationMaximizationOptions(sequence.target, lr, steps, l2, min, max, jitter, blurEvery, seed);
        Tensor x = runReportingBadTargets(() -> ActivationMaximization.run(net, start, options, scores));
        CliFiles.writeNpy(out, x);
        if (trace != null) {
            StringBuilder b = new StringBuilder("step,score\n");
            for (int s = 0; s <= steps; s++) b.append(s).append(',').append(scores[s]).append('\n');
            JsonReport.writeText(trace, b.toString());
        }
        err.println(String.format(Locale.ROOT, "optimize: activation-max, target %d: score %.6g -> %.6g after %d steps in %.2fs",
                sequence.target, scores[0], scores[steps], steps, (System.nanoTime() - t0) / 1e9));
        return Main.OK;
    }

    /** The declared shape with the batch as 1; a usage error when another dimension is symbolic. */
    private int[] fixedShape(OnnxValueInfo info) {
        if (!info.hasShape()) throw new Main.UsageError("input '" + info.name() + "' declares no shape: give a start with --input");
        int[] s = new int[info.dims().size()];
        for (int i = 0; i < s.length; i++) {
            long d = info.dims().get(i).value();
            if (i == 0) s[i] = 1;
            else if (d > 0) s[i] = (int) d;
            else throw new Main.UsageError("input '" + info.name() + "' is declared " + info.shapeString() + ": give a start with --input");
        }
        return s;
    }

    /** A target outside the output is the user's option: a usage error. */
    static <T> T runReportingBadTargets(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("target ")) throw new Main.UsageError("--" + e.getMessage());
            throw e;
        }
    }
}
