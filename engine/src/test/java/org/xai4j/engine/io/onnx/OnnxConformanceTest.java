package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/**
 * ONNX's own backend conformance cases (Debian's libonnx-testdata): every case whose ops are all in
 * the importer's contract (issue 3's list) and whose tensors are float32 (int64 only for shape and
 * axes inputs) must reproduce output_*.pb to rtol 1e-3, atol 1e-4. Skipped, with a message, when the
 * package is not installed.
 */
class OnnxConformanceTest {
    static final Path DATA = Path.of(System.getProperty("xai4j.onnx.testdata", "/usr/share/libonnx-testdata/data"));
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

    static int selected, passed, volumetric;
    static final List<String> skippedReasons = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> conformance() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "libonnx-testdata is not installed (" + DATA
                + " missing): apt-get install libonnx-testdata to run the ONNX conformance cases");
        List<DynamicTest> tests = new ArrayList<>();
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
                        skippedReasons.add(suite + "/" + c.getFileName() + ": unreadable: " + e.getMessage());
                        continue;
                    }
                    String why = outsideContract(m, data);
                    if (why != null) continue;
                    if (volumetric(m)) volumetric++;
                    selected++;
                    tests.add(DynamicTest.dynamicTest(suite + "/" + c.getFileName(), () -> runCase(m, data)));
                }
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("ONNX conformance: " + selected + " cases selected, " + passed + " passed; "
                + volumetric + " of them with 3-D convolution or pooling"
                + (skippedReasons.isEmpty() ? "" : "; unreadable: " + skippedReasons));
    }

    /** Why a case is outside the contract (null when it is in). */
    static String outsideContract(OnnxModel m, Path data) throws IOException {
        Set<String> intArgs = new HashSet<>();
        for (OnnxNode n : m.graph().nodes()) {
            if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) return "domain " + n.domain();
            if (!CONTRACT.contains(n.opType())) return "op " + n.opType();
            for (int i = 0; i < n.inputs().size(); i++) {
                if (INT_ARGUMENTS.contains(n.opType() + ":" + i)) intArgs.add(n.inputs().get(i));
            }
        }
        Set<String> inits = new HashSet<>();
        for (OnnxTensor t : m.graph().initializers()) {
            inits.add(t.name());
            if (t.dataType() != OnnxTensor.FLOAT && !(t.dataType() == OnnxTensor.INT64 && intArgs.contains(t.name()))) {
                return "initializer type";
            }
        }
        List<OnnxValueInfo> ins = new ArrayList<>();
        for (OnnxValueInfo v : m.graph().inputs()) if (!inits.contains(v.name())) ins.add(v);
        for (OnnxValueInfo v : ins) {
            if (v.elemType() != OnnxTensor.FLOAT && !(v.elemType() == OnnxTensor.INT64 && intArgs.contains(v.name()))) {
                return "input type";
            }
        }
        for (OnnxValueInfo v : m.graph().outputs()) if (v.elemType() != OnnxTensor.FLOAT) return "output type";
        if (!Files.isRegularFile(data.resolve("output_0.pb"))) return "no expected output";
        return null;
    }

    /** Whether a Conv or pooling node reads a declared rank-5 (N, C, D, H, W) tensor. */
    static boolean volumetric(OnnxModel m) {
        java.util.Map<String, Integer> ranks = new java.util.HashMap<>();
        for (List<OnnxValueInfo> infos : List.of(m.graph().inputs(), m.graph().valueInfo(), m.graph().outputs())) {
            for (OnnxValueInfo v : infos) if (v.hasShape()) ranks.put(v.name(), v.dims().size());
        }
        for (OnnxNode n : m.graph().nodes()) {
            if (SPATIAL.contains(n.opType()) && ranks.getOrDefault(n.input(0), 0) > 4) return true;
        }
        return false;
    }

    static void runCase(OnnxModel m, Path data) throws IOException {
        // int64 shape/axes graph inputs are bound as constants (initializers): their values are the case's data
        Set<String> inits = new HashSet<>();
        for (OnnxTensor t : m.graph().initializers()) inits.add(t.name());
        List<OnnxTensor> newInits = new ArrayList<>(m.graph().initializers());
        List<Tensor> floats = new ArrayList<>();
        int k = 0;
        for (OnnxValueInfo v : m.graph().inputs()) {
            if (inits.contains(v.name())) continue;
            OnnxTensor t = OnnxReader.readTensor(data.resolve("input_" + k++ + ".pb"));
            if (v.elemType() == OnnxTensor.INT64) {
                newInits.add(new OnnxTensor(v.name(), t.dataType(), t.dims(), t.data()));
            } else {
                floats.add(Tensor.of(t.toFloats(), t.shape()));
            }
        }
        OnnxGraph g = m.graph();
        OnnxModel bound = new OnnxModel(m.irVersion(), m.opsets(), m.producerName(), m.producerVersion(),
                new OnnxGraph(g.name(), g.nodes(), newInits, g.inputs(), g.outputs(), g.valueInfo()), m.source());
        OnnxGraphModel model = OnnxModelLoader.fromModel(bound);
        Activations a;
        try (GradMode.Scope ng = GradMode.noGrad()) {
            a = model.run(floats, RunOptions.INFERENCE);
        }
        for (int o = 0; o < g.outputs().size(); o++) {
            Path p = data.resolve("output_" + o + ".pb");
            if (!Files.isRegularFile(p)) continue;
            OnnxTensor expected = OnnxReader.readTensor(p);
            Tensor got = a.output(o).contiguous();
            assertArrayEquals(expected.shape(), got.shape(), "output " + o + " shape");
            float[] e = expected.toFloats(), v = got.toArray();
            for (int i = 0; i < e.length; i++) {
                boolean ok = Math.abs(v[i] - e[i]) <= 1e-4 + 1e-3 * Math.abs(e[i]) || (Float.isNaN(e[i]) && Float.isNaN(v[i]));
                assertTrue(ok, "output " + o + " element " + i + ": got " + v[i] + ", expected " + e[i]);
            }
        }
        passed++;
    }
}
