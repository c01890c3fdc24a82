package org.xai4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.optimize.Mutagenesis;
import org.xai4j.explain.optimize.SequenceObjective;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai mutagenesis}: in-silico saturation mutagenesis, the score change of every single-letter
 * substitution of a sequence (zero at the letters it has).
 */
@Command(name = "mutagenesis", mixinStandardHelpOptions = true,
        description = "Score change of every single-letter substitution of a sequence (in-silico mutagenesis).")
final class MutagenesisCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin SequenceInput sequence;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--input", paramLabel = "SEQ.npy", description = "the sequence, one-hot (|A|, L) or (1, |A|, L) in the model's layout (or give --sequence; default: none)")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DELTA.npy", description = "the changes, (|A|, L) (or (L, |A|) for a channels-last model)")
    Path out;

    @Option(names = "--csv", paramLabel = "T.csv", description = "the same as a table: position, letter, then one column per letter (default: not written)")
    Path csv;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "256", description = "mutants per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OutputFiles.check().add("--out", out).add("--csv", csv).verify();
        if (batchSize < 1) throw new Main.UsageError("--batch-size must be at least 1, got " + batchSize);
        OnnxGraphModel net = CliFiles.loadModel(model);
        SequenceInput.Layout layout = sequence.layout(net, model);
        int[] seq = sequence.read(input, layout);
        if (seq == null) throw new Main.UsageError("give the sequence: --input SEQ.npy or --sequence TEXT");
        var a = layout.alphabet();
        int l = seq.length;
        SequenceObjective objective = new SequenceObjective(net, a, l, layout.channelsFirst(), sequence.target, sequence.transform());
        double[][] r = OptimizeCommand.runReportingBadTargets(() -> Mutagenesis.compute(objective, seq, batchSize));
        int[] shape = layout.channelsFirst() ? new int[] {a.size(), l} : new int[] {l, a.size()};
        CliFiles.writeNpy(out, Tensor.ofDoubles(r[0], shape));
        if (csv != null) {
            StringBuilder b = new StringBuilder("position,letter");
            for (char c : a.letters().toCharArray()) b.append(',').append(c);
            b.append('\n');
            for (int i = 0; i < l; i++) {
                b.append(i).append(',').append(a.letters().charAt(seq[i]));
                for (int c = 0; c < a.size(); c++) b.append(',').append(r[0][layout.channelsFirst() ? c * l + i : i * a.size() + c]);
                b.append('\n');
            }
            JsonReport.writeText(csv, b.toString());
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : r[0]) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        spec.commandLine().getErr().println(String.format(Locale.ROOT,
                "mutagenesis: %d substitutions of a %d-letter sequence (score %.6g): changes from %.4g to %.4g",
                (a.size() - 1) * l, l, r[1][0], lo, hi));
        return Main.OK;
    }
}
