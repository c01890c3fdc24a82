package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.uncertainty.OutputTransform;
import org.xai4j.explain.uncertainty.PredictiveMoments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai uncertainty}: per output element, the predictive mean and its variance split into the
 * epistemic part (MC dropout, ensemble disagreement) and the aleatoric part (a learned variance head),
 * Kendall and Gal (2017) eq. 9, for one model or a deep ensemble.
 */
@Command(name = "uncertainty", mixinStandardHelpOptions = true,
        description = "Predictive mean with epistemic, aleatoric and total variance (MC dropout, variance head, deep ensembles).")
final class UncertaintyCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin UncertaintyCliOptions uncertainty;
    @Spec CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "X.npy",
            description = "the samples (axis 0); repeat to bind the model's inputs in order")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "MEAN.npy", description = "where to write the predictive mean (float32)")
    Path out;

    @Option(names = "--epistemic-out", paramLabel = "E.npy", description = "the epistemic variance (default: not written)")
    Path epistemicOut;

    @Option(names = "--aleatoric-out", paramLabel = "A.npy", description = "the aleatoric variance (zeros without a variance head; default: not written)")
    Path aleatoricOut;

    @Option(names = "--total-out", paramLabel = "V.npy", description = "the total variance, epistemic + aleatoric (default: not written)")
    Path totalOut;

    @Option(names = "--std-out", paramLabel = "S.npy", description = "the total standard deviation, sqrt(total) (default: not written)")
    Path stdOut;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OutputFiles.check().add("--out", out).add("--epistemic-out", epistemicOut).add("--aleatoric-out", aleatoricOut)
                .add("--total-out", totalOut).add("--std-out", stdOut).verify();
        long start = System.nanoTime();
        UncertaintyCliOptions.Loaded loaded = uncertainty.load(inputs, OutputTransform.IDENTITY, true);
        var err = spec.commandLine().getErr();
        PredictiveMoments p;
        try (Progress progress = Progress.start(err, "uncertainty", loaded.rows())) {
            p = loaded.estimate(progress::step);
        }
        double[] total = p.total();
        double[] std = new double[total.length];
        for (int i = 0; i < std.length; i++) std[i] = Math.sqrt(total[i]);
        CliFiles.writeNpy(out, Tensor.ofDoubles(p.mean(), p.shape()));
        if (epistemicOut != null) CliFiles.writeNpy(epistemicOut, Tensor.ofDoubles(p.epistemic(), p.shape()));
        if (aleatoricOut != null) CliFiles.writeNpy(aleatoricOut, Tensor.ofDoubles(p.aleatoric(), p.shape()));
        if (totalOut != null) CliFiles.writeNpy(totalOut, Tensor.ofDoubles(total, p.shape()));
        if (stdOut != null) CliFiles.writeNpy(stdOut, Tensor.ofDoubles(std, p.shape()));
        err.println(String.format(Locale.ROOT,
                "uncertainty: %d sample(s), %d model(s), %d pass(es) (seed %d) in %.2fs; mean variance: epistemic %.4g, aleatoric %.4g, total %.4g",
                p.samples(), loaded.members().size(), Math.max(1, loaded.passes()), uncertainty.seed,
                (System.nanoTime() - start) / 1e9, average(p.epistemic()), average(p.aleatoric()), average(total)));
        return Main.OK;
    }

    static double average(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
