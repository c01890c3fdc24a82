package org.xai4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
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
        CliFiles.requireFile(model);
        // validated as predict validates, but a model with ops not run here is still described
        OnnxModelLoader.Inspection m = OnnxModelLoader.inspect(model);
        PrintWriter out = spec.commandLine().getOut();
        for (String line : describe(model, m)) out.println(line);
        out.flush();
        return Main.OK;
    }

    /** The report, one line per entry; dims are numbers, symbolic names (batch) or ? when unknown. */
    static List<String> describe(Path file, OnnxModelLoader.Inspection m) {
        OnnxModel p = m.model();
        List<String> lines = new ArrayList<>();
        lines.add("model: " + file);
        String producer = (p.producerName() + " " + p.producerVersion()).trim();
        lines.add("producer: " + (producer.isEmpty() ? "(not recorded)" : producer));
        lines.add("opset: " + p.opset() + " (ir version " + p.irVersion() + ")");
        lines.add("inputs:");
        java.util.Set<String> initializers = new java.util.HashSet<>();
        for (OnnxTensor t : p.graph().initializers()) initializers.add(t.name());
        for (OnnxValueInfo v : p.graph().inputs()) if (!initializers.contains(v.name())) lines.add("  " + valueLine(v));
        lines.add("outputs:");
        for (OnnxValueInfo v : p.graph().outputs()) lines.add("  " + valueLine(v));
        Map<String, Integer> ops = new LinkedHashMap<>();
        for (OnnxNode n : m.order()) ops.merge(n.opType(), 1, Integer::sum);
        lines.add("ops: " + m.order().size() + " nodes");
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
        if (!m.unsupported().isEmpty()) lines.add(notRunnable(m.unsupported()));
        return lines;
    }

    /** The multiplication sign where the console can show it (an ASCII-only locale gets "x"). */
    private static final String TIMES = java.nio.charset.Charset.defaultCharset().newEncoder().canEncode('\u00d7') ? "\u00d7" : "x";

    /** "not runnable here: Pow ×2 at '/1/Pow', '/2/Pow'; Erf ×1 at 'e'" (at most 3 places named per op). */
    static String notRunnable(List<OnnxNode> nodes) {
        Map<String, List<String>> byOp = new LinkedHashMap<>();
        for (OnnxNode n : nodes) {
            String op = n.domain().isEmpty() || n.domain().equals("ai.onnx") ? n.opType() : n.domain() + "." + n.opType();
            String name = n.name().isEmpty() ? (n.outputs().isEmpty() ? "?" : n.outputs().get(0)) : n.name();
            byOp.computeIfAbsent(OnnxNode.printable(op), k -> new ArrayList<>()).add("'" + OnnxNode.printable(name) + "'");
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byOp.entrySet()) {
            List<String> at = e.getValue();
            String places = String.join(", ", at.subList(0, Math.min(3, at.size()))) + (at.size() > 3 ? ", ..." : "");
            parts.add(e.getKey() + " " + TIMES + at.size() + " at " + places);
        }
        return "not runnable here: " + String.join("; ", parts);
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
