package org.xai4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxNode;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xai layers}: every named tensor of one run, in computation order, with its shape and the op
 * that made it; the names are what {@code --layer} takes (Grad-CAM).
 */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "List every named tensor (inputs, node outputs) with its shape for the given input, in computation order.")
final class LayersCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin InputFiles inputFiles;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X.npy",
            description = "an input array; repeat to bind the model's inputs in order")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OnnxGraphModel m = CliFiles.loadModel(model);
        CliFiles.ModelInputs x = CliFiles.readModelInputs(m, inputs, inputFiles, common.allowNonFinite);
        Activations acts;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            acts = x.run(m, RunOptions.INFERENCE);
        }
        Map<String, String> producer = new HashMap<>();
        for (OnnxNode n : m.nodes()) for (String o : n.outputs()) producer.put(o, n.opType());
        for (String in : m.inputNames()) producer.put(in, "input");
        int width = 0;
        for (String name : acts.all().keySet()) width = Math.max(width, name.length());
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<String, Tensor> e : acts.all().entrySet()) {
            String name = e.getKey();
            String role = producer.getOrDefault(name, "initializer");
            if (acts.outputNames().contains(name)) role += ", output";
            out.println(String.format("%-" + width + "s  %-14s  %s", name, Shape.str(e.getValue().shape()), role));
        }
        out.flush();
        return Main.OK;
    }
}
