package org.xai4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.ComputeDevice;
import org.xai4j.explain.gradient.AttributionWithDelta;
import org.xai4j.explain.gradient.ConvergenceDeltaMethod;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai explain}: attributions of the model's first output for each row's target, by any of the
 * methods of {@link MethodFactory} (Captum's names and defaults).
 */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Attribute the model's output to its input.")
final class ExplainCommand implements Callable<Integer> {
    /** The command, with the registry's method names in its help (written from the registry, so the list cannot fall behind). */
    static CommandLine withMethodList() {
        CommandLine cl = new CommandLine(new ExplainCommand());
        cl.getCommandSpec().usageMessage().description("Attribute the model's output to its input.",
                "Methods: " + String.join(", ", org.xai4j.explain.registry.MethodRegistry.names()) + ".",
                "layer-grad-cam is grad-cam under Captum's class name.");
        return cl;
    }

    @Mixin CommonOptions common;
    @Mixin InputFiles inputFiles;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X.npy|X.csv|IMG|DIR|X.fa",
            description = "the rows to explain: .npy, .csv, .fa, or images (.png/.jpg, a folder of them; repeat for several)")
    List<Path> input;

    @Option(names = "--target", paramLabel = "K|T.npy",
            description = "the output column explained: one index for every row, or an integer array with one per row (default: each row's argmax; 0 for a model with one output)")
    String target;

    @Option(names = "--out", required = true, paramLabel = "A.npy|A.csv", description = "where to write the attributions (float32 .npy; a .csv name writes a table with a header)")
    Path out;

    @Option(names = "--repeat", paramLabel = "N",
            description = "run the attribution N times after a warm-up (at least 3 runs and 2 s, then until the time stops falling and the JIT has compiled nothing for 0.5 s, at most 30 s) and print the median and minimum milliseconds (model load excluded; default: run once)")
    Integer repeat;

    /** The least time --repeat spends warming up before it measures. */
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    /** The fewest runs --repeat warms up with, however long each takes. */
    private static final int MIN_WARM_UP_RUNS = 3;

    @Mixin PlotOptions plot;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Method options:%n")
    ExplainOptions options;

    @Override
    public Integer call() throws Exception {
        Device device = common.applyOnDevice();
        PrintWriter err = spec.commandLine().getErr();
        OptionLimits.count("--repeat", repeat);
        OutputFiles.check().add("--out", out).add("--delta-out", options.deltaOut).verify();
        ExplanationPlots plots = new ExplanationPlots(plot);
        plots.validate();
        OnnxGraphModel m = CliFiles.loadModel(model);
        if (m.inputNames().size() != 1) {
            throw new Main.UsageError("explain needs a model with one input; this one takes " + m.inputNames());
        }
        Tensor x = CliFiles.readInputs(m, input, inputFiles, common.allowNonFinite).get(0);
        MethodFactory factory = new MethodFactory(options, m, x, inputFiles, common.allowNonFinite);
        AttributionMethod method = factory.create();
        if (plot.plot != null && MethodFactory.spec(options.method).family() == org.xai4j.explain.registry.MethodFamily.LAYER) {
            // the figures draw input-shaped attributions (or CAM maps over the input); a layer's units have no place there
            throw new Main.UsageError("--plot: " + options.method + "'s attributions are shaped like its layer, not like the input;"
                    + " draw them from the --out file");
        }
        factory.checkLayer();
        if (!device.isHost() && !factory.runsOnDevice()) {
            throw new Main.UsageError("--device " + device + ": --method " + options.method + " does not run on the GPU yet ("
                    + String.join(", ", MethodFactory.DEVICE_METHODS) + " and their smoothgrad/vargrad do)");
        }
        String auto = factory.autoLayer();
        if (auto != null) common.note("--layer auto chose " + auto);
        // the model's output for the rows (the targets' default, and the numbers explained), --batch-size rows a pass
        Tensor scores = org.xai4j.explain.Targets.outputs(m, x, options.batchSize == null ? MethodFactory.DEFAULT_BATCH : options.batchSize);
        int[] targets = TargetOption.resolve(target, scores, x.shape()[0]);
        Double estimate = estimateSeconds(method, m, x, targets);
        // on a GPU each forward and backward pass copies its batch to the device and its gradient back
        try (ComputeDevice.Scope onDevice = ComputeDevice.use(device);
             Heartbeat ignored = estimate != null && estimate > LONG_RUN_S && !common.quiet
                     ? Heartbeat.start(err, method.name(), estimate) : null) {
            explain(method, m, x, targets, err, plots, factory, scores);
        }
        return Main.OK;
    }

    /** A run estimated to take longer than this says so first, and shows a line every 10 s while it runs. */
    static final double LONG_RUN_S = 30;

    /**
     * The run's estimated seconds: the model rows it evaluates ({@link RunEstimate}) times the measured
     * cost of one row (a pass over --batch-size rows, the fastest of three), printed when over {@value #LONG_RUN_S} s; null when the run is too short to be worth
     * measuring (under 20 such passes, so the measurement costs at most a tenth of the run).
     */
    private Double estimateSeconds(AttributionMethod method, OnnxGraphModel m, Tensor x, int[] targets) throws Exception {
        long rows = RunEstimate.rows(options, x.shape());
        // the methods evaluate --batch-size rows per pass (perturbed copies, or integration steps), so one
        // pass is timed on that many rows, the input's rows repeated
        int batch = (int) Math.min(rows, options.batchSize == null ? MethodFactory.DEFAULT_BATCH : Math.max(1, options.batchSize));
        if (rows < 0 || rows < 20L * batch) return null;
        int n = x.shape()[0], per = x.numel() / n;
        float[] xv = x.contiguous().toArray(), sv = new float[batch * per];
        int[] subTargets = new int[batch];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(xv, (r % n) * per, sv, r * per, per);
            subTargets[r] = targets[r % n];
        }
        int[] subShape = x.shape().clone();
        subShape[0] = batch;
        Tensor sub = Tensor.of(sv, subShape);
        boolean gradient = RunEstimate.gradient(options.method);
        long nanos = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the fastest of three: the first runs include the JIT's work
            long start = System.nanoTime();
            if (gradient) {
                new org.xai4j.explain.gradient.Saliency(new org.xai4j.explain.gradient.Saliency.Options(true, batch)).attribute(m, sub, subTargets);
            } else {
                try (var g = org.xai4j.engine.autodiff.GradMode.noGrad()) {
                    m.forward(sub);
                }
            }
            nanos = Math.min(nanos, System.nanoTime() - start);
        }
        double seconds = (double) rows * nanos / 1e9 / batch;
        if (seconds > LONG_RUN_S) {
            common.note(String.format(Locale.ROOT, "%s: about %s model rows (%s) at %.3g ms per row: about %s",
                    method.name(), rows == Long.MAX_VALUE ? "2^63" : String.format(Locale.ROOT, "%,d", rows),
                    gradient ? "forward and backward" : "forward", nanos / 1e6 / batch, Progress.duration(seconds)));
        }
        return seconds;
    }

    private void explain(AttributionMethod method, OnnxGraphModel m, Tensor x, int[] targets, PrintWriter err,
                         ExplanationPlots plots, MethodFactory factory, Tensor scores) throws Exception {
        Tensor attributions;
        float[] delta = null;
        if (repeat != null) {
            int warmups = warmUp(method, m, x, targets);
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                run(method, m, x, targets);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            err.printf(Locale.ROOT, "xai: %s: median %.3f ms, min %.3f ms over %d runs (after %d warm-up runs)%n",
                    method.name(), ms[ms.length / 2], ms[0], repeat, warmups);
        }
        if (method instanceof ConvergenceDeltaMethod withDelta) {
            AttributionWithDelta r = withDelta.attributeWithDelta(m, x, targets);
            attributions = r.attributions();
            delta = r.delta();
            StringBuilder b = new StringBuilder("xai: convergence delta per row (sum of attributions - (f(x) - f(baseline))):");
            for (float d : delta) b.append(String.format(Locale.ROOT, " %.3g", d));
            err.println(b);
        } else {
            attributions = run(method, m, x, targets);
        }
        CliFiles.writeResult(out, attributions.contiguous(), inputFiles);
        common.wrote(out, attributions.shape());
        NonFinite.warnIfAny(err, "attribution", attributions);
        NonFinite.warnIfScoresAreNot(err, scores, targets);
        if (options.deltaOut != null) {
            CliFiles.writeNpy(options.deltaOut, Tensor.of(delta, delta.length));
            common.wrote(options.deltaOut, new int[] {delta.length});
        }
        plots.draw(m, factory, x, attributions, targets, method.name());
    }

    /**
     * Runs the attribution until the JIT has settled: at least three runs and two seconds, and then until
     * the time has stopped falling (no run in the last {@value #PLATEAU_RUNS} more than 3 % faster than
     * the best before them) and no compilation has finished for {@link #JIT_QUIET_NANOS}, for at most
     * {@value #MAX_WARM_UP_SECONDS} s. A fixed two seconds left C2
     * compiling through the measured runs of a ResNet-18 Grad-CAM (25 ms measured, 5 ms once settled),
     * and one run left the saliency median at 38 ms where the steady state is 16. Returns the run count.
     */
    private static int warmUp(AttributionMethod method, OnnxGraphModel m, Tensor x, int[] targets) {
        long start = System.nanoTime();
        double best = Double.POSITIVE_INFINITY;
        int runs = 0, sinceBest = 0;
        long compiled = compilationMillis(), lastCompile = start;
        while (true) {
            long t0 = System.nanoTime();
            run(method, m, x, targets);
            long t1 = System.nanoTime();
            double ms = (t1 - t0) / 1e6;
            runs++;
            if (ms < 0.97 * best) sinceBest = 0;
            else sinceBest++;
            best = Math.min(best, ms);
            long c = compilationMillis();
            if (c != compiled) {
                compiled = c;
                lastCompile = t1;
            }
            double elapsed = (t1 - start) / 1e9;
            if (elapsed > MAX_WARM_UP_SECONDS) return runs;
            if (runs >= MIN_WARM_UP_RUNS && elapsed * 1e9 >= WARM_UP_NANOS && sinceBest >= PLATEAU_RUNS
                    && t1 - lastCompile >= JIT_QUIET_NANOS) {
                return runs;
            }
        }
    }

    /**
     * How long no JIT compilation may have finished before --repeat measures. With only the plateau rule, the
     * image CNN's IG-50 on 2 threads ended its warm-up after 2.5 s while C2 was still finishing 25-50
     * compilations per 100 ms (-XX:+PrintCompilation): the measured runs shared the two cores with the
     * compiler, and their median was 4.3-5.8 ms where the settled JVM's is 2.7-3.9.
     */
    private static final long JIT_QUIET_NANOS = 500_000_000L;

    /** The JVM's total JIT compilation time so far (ms), or 0 where the JVM does not report it (the rule is then off). */
    private static long compilationMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Runs without a new best time after which --repeat's warm-up ends. */
    private static final int PLATEAU_RUNS = 10;

    /** The longest --repeat warms up. */
    private static final int MAX_WARM_UP_SECONDS = 30;

    private static Tensor run(AttributionMethod method, OnnxGraphModel m, Tensor x, int[] targets) {
        return method.attribute(m, x, targets);
    }
}
