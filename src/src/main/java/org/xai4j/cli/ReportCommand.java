package org.xai4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.gradient.AttributionWithDelta;
import org.xai4j.explain.gradient.ConvergenceDeltaMethod;
import org.xai4j.explain.render.FigureFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai report}: several methods on the same rows, drawn side by side per row in one self-contained
 * HTML page (the comparison grid of Adebayo et al. 2018 and Captum's tutorials), with the model's
 * summary, each row's prediction, each method's settings, time and convergence delta.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Explain the rows by several methods and write one self-contained HTML page comparing them.")
final class ReportCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "the rows to explain")
    Path input;

    @Option(names = "--methods", required = true, split = ",", paramLabel = "M1,M2,..",
            description = "the methods, as xai explain names them, each with Captum's defaults and what it needs to run unattended (listed in the page)")
    List<String> methods;

    @Option(names = "--target", paramLabel = "K|T.npy", description = "the output column explained (default: each row's argmax)")
    String target;

    @Option(names = "--out", required = true, paramLabel = "R.html", description = "the HTML page")
    Path out;

    @Option(names = "--batch-size", paramLabel = "N", description = "model inputs per pass (default 64)")
    Integer batchSize;

    @Option(names = "--background", paramLabel = "B.npy",
            description = "kernel-shap, lime, linear-shap: background rows (linear-shap defaults to the input rows)")
    Path background;

    @Option(names = "--feature-mask", paramLabel = "M.npy",
            description = "perturbation methods: feature groups (default for images: 4x4-pixel blocks)")
    Path featureMask;

    @Option(names = "--neuron-layer", paramLabel = "NAME",
            description = "neuron methods: the layer whose unit they explain (no default: without it and --neuron-index they are skipped, the reason in the page)")
    String neuronLayer;

    @Option(names = "--neuron-index", split = ",", paramLabel = "I,J,..", description = "neuron methods: the unit's index into one row of the layer (no default)")
    int[] neuronIndex;

    @Mixin PictureOptions picture;

    @Override
    public Integer call() throws Exception {
        common.apply();
        PrintWriter err = spec.commandLine().getErr();
        CliFiles.requireWritable(out);
        for (String name : methods) {
            if (org.xai4j.explain.registry.MethodRegistry.find(name) == null) {
                throw new Main.UsageError("--methods: unknown method '" + name + "'; known: "
                        + String.join(", ", org.xai4j.explain.registry.MethodRegistry.names()));
            }
        }
        if ((neuronLayer == null) != (neuronIndex == null)) {
            throw new Main.UsageError((neuronLayer == null ? "--neuron-index needs --neuron-layer" : "--neuron-layer needs --neuron-index")
                    + " (the unit the neuron methods explain)");
        }
        if (background != null) CliFiles.requireFile(background);
        if (featureMask != null) CliFiles.requireFile(featureMask);
        ExplanationPlots plots = new ExplanationPlots(picture, null, false);
        plots.validate();
        OnnxGraphModel m = CliFiles.loadModel(model);
        if (m.inputNames().size() != 1) throw new Main.UsageError("report needs a model with one input; this one takes " + m.inputNames());
        Tensor x = CliFiles.readInputs(m, List.of(input)).get(0);
        OptionLimits.count("--batch-size", batchSize);
        int[] targets = TargetOption.resolve(target, org.xai4j.explain.Targets.outputs(m, x,
                batchSize == null ? MethodFactory.DEFAULT_BATCH : batchSize), x.shape()[0]);
        List<String> labels = NameFiles.read(picture.labels, "--labels", 0, "classes");

        HtmlReport page = new HtmlReport(model.getFileName().toString(), InfoCommand.describe(model, org.xai4j.engine.io.onnx.OnnxModelLoader.inspect(model)), labels);
        page.predictions(ExplanationPlots.outputs(m, x), targets);
        Path tempDir = Files.createTempDirectory("xai-report");
        long attributionNanos = 0, drawingNanos = 0;
        int skipped = 0;
        try (Progress progress = Progress.start(err, "report", methods.size())) {
            ReportSettings settings = new ReportSettings(x.shape(), batchSize, background, featureMask, tempDir, input,
                    neuronLayer, neuronIndex);
            for (String name : methods) {
                ReportSettings.Configured c = settings.configure(name);
                if (c.skipped() != null) {
                    // a method that cannot run unattended is named with its reason, in the page and here
                    page.skipped(name, c.skipped());
                    err.printf(Locale.ROOT, "xai: report: %s skipped: %s%n", name, c.skipped());
                    skipped++;
                    progress.step();
                    continue;
                }
                MethodFactory factory = new MethodFactory(c.options(), m, x);
                AttributionMethod method = factory.create();
                factory.checkLayer();
                long start = System.nanoTime();
                Tensor attributions;
                float[] delta = null;
                if (method instanceof ConvergenceDeltaMethod withDelta) {
                    AttributionWithDelta r = withDelta.attributeWithDelta(m, x, targets);
                    attributions = r.attributions();
                    delta = r.delta();
                } else {
                    attributions = method.attribute(m, x, targets);
                }
                long took = System.nanoTime() - start;
                attributionNanos += took;
                long drawStart = System.nanoTime();
                ExplanationPlots.Drawn drawn = plots.figures(m, factory, x, attributions.contiguous(), targets, name);
                page.method(name, c.settings(), took / 1e6, delta, drawn);
                drawingNanos += System.nanoTime() - drawStart;
                progress.step();
            }
        } finally {
            try (var files = Files.list(tempDir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(tempDir);
        }
        if (skipped == methods.size()) {
            throw new Main.UsageError("report: every method was skipped (neuron methods need --neuron-layer and --neuron-index); nothing to draw");
        }
        long writeStart = System.nanoTime();
        FigureFiles.writeBytes(out, page.html().getBytes(StandardCharsets.UTF_8));
        drawingNanos += System.nanoTime() - writeStart;
        err.printf(Locale.ROOT, "xai: report: %d method(s)%s on %d row(s): attributions %.2f s, drawing and writing %.2f s -> %s%n",
                methods.size() - skipped, skipped == 0 ? "" : " (" + skipped + " skipped)", targets.length, attributionNanos / 1e9,
                drawingNanos / 1e9, out);
        return Main.OK;
    }
}
