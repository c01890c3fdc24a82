package org.xai4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai predict}: the model's first output for the inputs; with {@code --mc-dropout T}, the mean
 * and standard deviation of T passes with dropout active (MC dropout, Gal and Ghahramani, ICML 2016).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Run the model and write its first output (or, with --mc-dropout, the mean over passes).")
final class PredictCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin InputFiles inputFiles;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--input", paramLabel = "X.npy|X.csv|IMG|DIR|X.fa",
            description = "an input array (.npy, .csv, .png/.jpg or a folder of them, .fa); repeat to bind the model's inputs in order, or to batch several images (float64/int are converted to float32 for a float input; an integer input keeps its values exact); no default: a model without inputs takes none")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "Y.npy|Y.csv", description = "where to write the output (float32 .npy; a .csv name writes a table with a header)")
    Path out;

    @Option(names = "--mc-dropout", paramLabel = "T",
            description = "run T passes with dropout active and write their mean (MC dropout; default: one plain pass)")
    Integer passes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the dropout masks (default: ${DEFAULT-VALUE}); pass t uses Philox stream t")
    long seed;

    @Option(names = "--std-out", paramLabel = "S.npy",
            description = "with --mc-dropout: where to write the standard deviation over the passes (default: not written)")
    Path stdOut;

    @Override
    public Integer call() throws Exception {
        Device device = common.applyOnDevice();
        OptionLimits.range("--mc-dropout", passes, 2, OptionLimits.MAX_COUNT);
        if (passes == null && stdOut != null) throw new Main.UsageError("--std-out needs --mc-dropout");
        OutputFiles.check().add("--out", out).add("--std-out", stdOut).verify();
        OnnxGraphModel m = CliFiles.loadModel(model);
        // on a GPU: the inputs are copied there once, the weights follow, the output comes back once
        CliFiles.ModelInputs x = CliFiles.readModelInputs(m, inputs == null ? List.of() : inputs, inputFiles, common.allowNonFinite).to(device);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            if (passes == null) {
                Tensor y = x.run(m, RunOptions.INFERENCE).output(0).toHost();
                CliFiles.writeResult(out, y, inputFiles);
                common.wrote(out, y.shape());
                NonFinite.warnIfAny(spec.commandLine().getErr(), "output", y);
            } else {
                monteCarlo(m, x);
            }
        }
        return Main.OK;
    }

    /** Mean and sample standard deviation (n - 1, as torch.std) over the passes, accumulated in float64 (Welford). */
    private void monteCarlo(OnnxGraphModel m, CliFiles.ModelInputs x) throws Exception {
        var err = spec.commandLine().getErr();
        boolean hasDropout = m.nodes().stream().anyMatch(n -> n.opType().equals("Dropout"));
        if (!hasDropout) err.println("xai: warning: " + model + " has no Dropout node; every pass gives the same output");
        int[] shape = null;
        double[] mean = null, m2 = null;
        long start = System.nanoTime();
        try (Progress progress = Progress.start(common.quiet ? new java.io.PrintWriter(java.io.Writer.nullWriter()) : err, "mc-dropout", passes)) {
            for (int t = 0; t < passes; t++) {
                Tensor output = x.run(m, RunOptions.monteCarlo(seed, t)).output(0).toHost();
                float[] y = output.toArray();
                if (mean == null) {
                    shape = output.shape();
                    mean = new double[y.length];
                    m2 = new double[y.length];
                }
                for (int i = 0; i < y.length; i++) {
                    double d = y[i] - mean[i];
                    mean[i] += d / (t + 1);
                    m2[i] += d * (y[i] - mean[i]);
                }
                progress.step();
            }
        }
        float[] meanOut = new float[mean.length], stdOutValues = new float[mean.length];
        double stdSum = 0;
        for (int i = 0; i < mean.length; i++) {
            meanOut[i] = (float) mean[i];
            double sd = Math.sqrt(m2[i] / (passes - 1));
            stdOutValues[i] = (float) sd;
            stdSum += sd;
        }
        CliFiles.writeResult(out, Tensor.of(meanOut, shape), inputFiles);
        common.wrote(out, shape);
        NonFinite.warnIfAny(err, "output", Tensor.of(meanOut, shape));
        if (stdOut != null) {
            CliFiles.writeResult(stdOut, Tensor.of(stdOutValues, shape), inputFiles);
            common.wrote(stdOut, shape);
        }
        err.println(String.format(Locale.ROOT, "mc-dropout: %d passes (seed %d) in %.2fs; output %s, mean std %.4g",
                passes, seed, (System.nanoTime() - start) / 1e9, Shape.str(shape),
                stdSum / mean.length));
    }
}
