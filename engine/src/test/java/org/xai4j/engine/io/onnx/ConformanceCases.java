package org.xai4j.engine.io.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * ONNX's own backend conformance cases (Debian's libonnx-testdata) that fall within the importer's
 * contract: every op in {@link #CONTRACT}, float32 tensors, int64 only where an op takes a shape, axes
 * or pads argument (as an initializer or as a graph input). Shared by the engine's test and the CLI's
 * (which runs each case through {@code xai predict}).
 */
public final class ConformanceCases {
    public static final Path DATA = Path.of(System.getProperty("xai4j.onnx.testdata", "/usr/share/libonnx-testdata/data"));
    static final List<String> SUITES = List.of("node", "pytorch-converted", "pytorch-operator");

    /** The op list of the importer's contract. */
    static final Set<String> CONTRACT = Set.of("Conv", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Neg", "Abs",
            "Exp", "Log", "Sqrt", "Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Clip",
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Flatten", "Reshape", "Transpose",
            "Concat", "Squeeze", "Unsqueeze", "Pad", "ReduceMean", "ReduceSum", "BatchNormalization", "Dropout",
            "Identity", "Constant");

    /** (op, input index) pairs where an int64 tensor is a shape or axes argument. */
    static final Set<String> INT_ARGUMENTS = Set.of("Reshape:1", "Squeeze:1", "Unsqueeze:1", "Pad:1", "Pad:3",
            "ReduceSum:1", "ReduceMean:1");

    /** Ops whose 3-D (volumetric) form the importer composes from 2-D ones (counted in the summary). */
    static final Set<String> SPATIAL = Set.of("Conv", "MaxPool", "AveragePool");

    /**
     * One selected case.
     *
     * @param name          suite/case
     * @param model         the parsed model.onnx
     * @param data          its test_data_set_0 folder (input_K.pb, output_K.pb)
     * @param integerInputs how many of its graph inputs are int64 arguments
     */
    public record Case(String name, OnnxModel model, Path data, int integerInputs) {
        /** Whether a Conv or pooling node reads a declared rank-5 (N, C, D, H, W) tensor. */
        public boolean volumetric() {
            Map<String, Integer> ranks = new HashMap<>();
            for (List<OnnxValueInfo> infos : List.of(model.graph().inputs(), model.graph().valueInfo(), model.graph().outputs())) {
                for (OnnxValueInfo v : infos) if (v.hasShape()) ranks.put(v.name(), v.dims().size());
            }
            for (OnnxNode n : model.graph().nodes()) {
                if (SPATIAL.contains(n.opType()) && ranks.getOrDefault(n.input(0), 0) > 4) return true;
            }
            return false;
        }

        /** The model's graph inputs that are not initializers, in order. */
        public List<OnnxValueInfo> boundInputs() {
            Set<String> inits = new HashSet<>();
            for (OnnxTensor t : model.graph().initializers()) inits.add(t.name());
            List<OnnxValueInfo> out = new ArrayList<>();
            for (OnnxValueInfo v : model.graph().inputs()) if (!inits.contains(v.name())) out.add(v);
            return out;
        }
    }

    private ConformanceCases() {}

    /** Whether the package is installed. */
    public static boolean available() {
        return Files.isDirectory(DATA);
    }

    /** Every selected case, sorted by suite and name; unreadable models are listed in {@code unreadable}. */
    public static List<Case> selected(List<String> unreadable) throws IOException {
        List<Case> out = new ArrayList<>();
        for (String suite : SUITES) {
            Path dir = DATA.resolve(suite);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> cases = Files.list(dir)) {
                for (Path c : cases.sorted().toList()) {
                    Path model = c.resolve("model.onnx");
                    Path data = c.resolve("test_data_set_0");
                    if (!Files.isRegularFile(model) || !Files.isDirectory(data)) continue;
                    OnnxModel m;
                    try {
                        m = OnnxReader.read(model);
                    } catch (IOException e) {
                        unreadable.add(suite + "/" + c.getFileName() + ": " + e.getMessage());
                        continue;
                    }
                    int integers = integerInputsIfInContract(m, data);
                    if (integers >= 0) out.add(new Case(suite + "/" + c.getFileName(), m, data, integers));
                }
            }
        }
        return out;
    }

    /** The number of int64 argument inputs when the case is within the contract, else -1. */
    static int integerInputsIfInContract(OnnxModel m, Path data) {
        Set<String> intArgs = new HashSet<>();
        for (OnnxNode n : m.graph().nodes()) {
            if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) return -1;
            if (!CONTRACT.contains(n.opType())) return -1;
            for (int i = 0; i < n.inputs().size(); i++) {
                if (INT_ARGUMENTS.contains(n.opType() + ":" + i)) intArgs.add(n.inputs().get(i));
            }
        }
        Set<String> inits = new HashSet<>();
        for (OnnxTensor t : m.graph().initializers()) {
            inits.add(t.name());
            if (t.dataType() != OnnxTensor.FLOAT && !(t.dataType() == OnnxTensor.INT64 && intArgs.contains(t.name()))) return -1;
        }
        int integers = 0;
        for (OnnxValueInfo v : m.graph().inputs()) {
            if (inits.contains(v.name())) continue;
            if (v.elemType() == OnnxTensor.INT64 && intArgs.contains(v.name())) {
                integers++;
            } else if (v.elemType() != OnnxTensor.FLOAT) {
                return -1;
            }
        }
        for (OnnxValueInfo v : m.graph().outputs()) if (v.elemType() != OnnxTensor.FLOAT) return -1;
        if (!Files.isRegularFile(data.resolve("output_0.pb"))) return -1;
        return integers;
    }

    /** Null when got matches the expected output to rtol 1e-3, atol 1e-4 (NaN matches NaN), else why not. */
    public static String mismatch(int[] expectedShape, float[] expected, int[] gotShape, float[] got) {
        if (!java.util.Arrays.equals(expectedShape, gotShape)) {
            return "shape " + java.util.Arrays.toString(gotShape) + ", expected " + java.util.Arrays.toString(expectedShape);
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], v = got[i];
            boolean ok = Math.abs(v - e) <= 1e-4 + 1e-3 * Math.abs(e) || (Float.isNaN(e) && Float.isNaN(v));
            if (!ok) return "element " + i + ": got " + v + ", expected " + e;
        }
        return null;
    }
}
