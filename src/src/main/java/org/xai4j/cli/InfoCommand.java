package org.xai4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModel;
import org.xai4j.engine.io.onnx.OnnxNode;
import org.xai4j.engine.io.onnx.OnnxTensor;
import org.xai4j.engine.io.onnx.OnnxValueInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xai info}: what a model file declares, without running it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model's opset, producer, inputs and outputs (with shapes), op counts and parameter count.")
final class InfoCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OnnxGraphModel m = CliFiles.loadModel(model);
        PrintWriter out = spec.commandLine().getOut();
        for (String line : describe(model, m)) out.println(line);
        out.flush();
        return Main.OK;
    }

    /** The report, one line per entry; dims are numbers, symbolic names (batch) or ? when unknown. */
    static List<String> describe(Path file, OnnxGraphModel m) {
        OnnxModel p = m.proto();
        List<String> lines = new ArrayList<>();
        lines.add("model: " + file);
        String producer = (p.producerName() + " " + p.producerVersion()).trim();
        lines.add("producer: " + (producer.isEmpty() ? "(not recorded)" : producer));
        lines.add("opset: " + p.opset() + " (ir version " + p.irVersion() + ")");
        lines.add("inputs:");
        for (OnnxValueInfo v : m.inputInfos()) lines.add("  " + valueLine(v));
        lines.add("outputs:");
        for (OnnxValueInfo v : p.graph().outputs()) lines.add("  " + valueLine(v));
        Map<String, Integer> ops = new LinkedHashMap<>();
        for (OnnxNode n : m.nodes()) ops.merge(n.opType(), 1, Integer::sum);
        lines.add("ops: " + m.nodes().size() + " nodes");
        ops.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue())
                .forEach(e -> lines.add("  " + e.getKey() + " " + e.getValue()));
        long params = 0;
        int tensors = 0;
        for (OnnxTensor t : p.graph().initializers()) {
            if (t.dataType() == OnnxTensor.FLOAT || t.dataType() == OnnxTensor.DOUBLE) {
                params += t.numel();
                tensors++;
            }
        }
        lines.add("parameters: " + params + " in " + tensors + " float initializer(s)");
        return lines;
    }

    private static String valueLine(OnnxValueInfo v) {
        return v.name() + " " + numpyType(v.elemType()) + " " + v.shapeString();
    }

    /** NumPy's name for an ONNX element type (float32 rather than ONNX's FLOAT), as the .npy files say. */
    static String numpyType(int elemType) {
        switch (elemType) {
            case OnnxTensor.FLOAT: return "float32";
            case OnnxTensor.DOUBLE: return "float64";
            case OnnxTensor.FLOAT16: return "float16";
            default: return OnnxTensor.typeName(elemType).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
