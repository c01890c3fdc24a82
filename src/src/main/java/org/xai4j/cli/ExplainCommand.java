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
import org.xai4j.explain.gradient.IntegratedGradients;
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
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Attribute the model's output to its input.",
                "Methods: saliency, input-x-gradient, integrated-gradients, smoothgrad, smoothgrad-sq, vargrad,"
                        + " guided-backprop, deconvolution, deeplift, gradient-shap, cam, grad-cam, grad-cam-plus-plus,"
                        + " guided-grad-cam, occlusion, feature-ablation, feature-permutation, shapley-exact,"
                        + " shapley-sampling, kernel-shap, lime, linear-shap."})
final class ExplainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X.npy", description = "the rows to explain")
    Path input;

    @Option(names = "--target", paramLabel = "K|T.npy",
            description = "the output column explained: one index for every row, or an integer array with one per row (default: each row's argmax; 0 for a model with one output)")
    String target;

    @Option(names = "--out", required = true, paramLabel = "A.npy", description = "where to write the attributions (float32)")
    Path out;

    @Option(names = "--repeat", paramLabel = "N",
            description = "run the attribution N times after a warm-up (at least 2 s) and print the median and minimum milliseconds (model load excluded)")
    Integer repeat;

    /** The least time --repeat spends warming up before it measures. */
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Method options:%n")
    ExplainOptions options;

    @Override
    public Integer call() throws Exception {
        Device device = common.applyOnDevice();
        PrintWriter err = spec.commandLine().getErr();
        if (repeat != null && repeat < 1) throw new Main.UsageError("--repeat must be at least 1, got " + repeat);
        CliFiles.requireWritable(out);
        CliFiles.requireWritable(options.deltaOut);
        OnnxGraphModel m = CliFiles.loadModel(model);
        if (m.inputNames().size() != 1) {
            throw new Main.UsageError("explain needs a model with one input; this one takes " + m.inputNames());
        }
        Tensor x = CliFiles.readInputs(m, List.of(input)).get(0);
        MethodFactory factory = new MethodFactory(options, m, x);
        AttributionMethod method = factory.create();
        factory.checkLayer();
        if (!device.isHost() && !factory.runsOnDevice()) {
            throw new Main.UsageError("--device " + device + ": --method " + options.method + " does not run on the GPU yet ("
                    + String.join(", ", MethodFactory.DEVICE_METHODS) + " and their smoothgrad/vargrad do)");
        }
        int[] targets = TargetOption.resolve(target, m, x);
        // each forward and backward pass copies its batch to the device and its gradient back
        try (ComputeDevice.Scope onDevice = ComputeDevice.use(device)) {
            return explain(method, m, x, targets, err);
        }
    }

    private Integer explain(AttributionMethod method, OnnxGraphModel m, Tensor x, int[] targets, PrintWriter err)
            throws java.io.IOException {

        Tensor attributions;
        float[] delta = null;
        if (repeat != null) {
            // warm-up until the JIT has settled: at least one run and two seconds (one run left the
            // ResNet-18 saliency median at 38 ms where the steady state is 16)
            int warmups = 0;
            long warmStart = System.nanoTime();
            do {
                run(method, m, x, targets);
                warmups++;
            } while (System.nanoTime() - warmStart < WARM_UP_NANOS);
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
        if (method instanceof IntegratedGradients ig) {
            AttributionWithDelta r = ig.attributeWithDelta(m, x, targets);
            attributions = r.attributions();
            delta = r.delta();
            StringBuilder b = new StringBuilder("xai: convergence delta per row (sum of attributions - (f(x) - f(baseline))):");
            for (float d : delta) b.append(String.format(Locale.ROOT, " %.3g", d));
            err.println(b);
        } else {
            attributions = run(method, m, x, targets);
        }
        CliFiles.writeNpy(out, attributions.contiguous());
        if (options.deltaOut != null) CliFiles.writeNpy(options.deltaOut, Tensor.of(delta, delta.length));
        return Main.OK;
    }

    private static Tensor run(AttributionMethod method, OnnxGraphModel m, Tensor x, int[] targets) {
        return method.attribute(m, x, targets);
    }
}
