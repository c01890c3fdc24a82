package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.onnx.importer.IntValue;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/**
 * ONNX's own backend conformance cases ({@link ConformanceCases}): each must reproduce output_*.pb to
 * rtol 1e-3, atol 1e-4, with its int64 graph inputs bound as exact integers. Skipped, with a message,
 * when libonnx-testdata is not installed.
 */
class OnnxConformanceTest {
    static int selected, passed, volumetric, integerCases;
    static final List<String> unreadable = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> conformance() throws IOException {
        assumeTrue(ConformanceCases.available(), "libonnx-testdata is not installed (" + ConformanceCases.DATA
                + " missing): apt-get install libonnx-testdata to run the ONNX conformance cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCases.Case c : ConformanceCases.selected(unreadable)) {
            selected++;
            if (c.volumetric()) volumetric++;
            if (c.integerInputs() > 0) integerCases++;
            tests.add(DynamicTest.dynamicTest(c.name(), () -> runCase(c)));
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("ONNX conformance: " + selected + " cases selected, " + passed + " passed; "
                + volumetric + " of them with 3-D convolution or pooling, " + integerCases
                + " with int64 graph inputs" + (unreadable.isEmpty() ? "" : "; unreadable: " + unreadable));
    }

    static void runCase(ConformanceCases.Case c) throws IOException {
        List<Tensor> floats = new ArrayList<>();
        Map<String, IntValue> integers = new HashMap<>();
        int k = 0;
        for (OnnxValueInfo v : c.boundInputs()) {
            OnnxTensor t = OnnxReader.readTensor(c.data().resolve("input_" + k++ + ".pb"));
            if (v.elemType() == OnnxTensor.INT64) {
                integers.put(v.name(), new IntValue(t.toLongs(), t.shape()));
            } else {
                floats.add(Tensor.of(t.toFloats(), t.shape()));
            }
        }
        OnnxGraphModel model = OnnxModelLoader.fromModel(c.model());
        Activations a;
        try (GradMode.Scope ng = GradMode.noGrad()) {
            a = model.run(floats, integers, RunOptions.INFERENCE);
        }
        for (int o = 0; o < c.model().graph().outputs().size(); o++) {
            Path p = c.data().resolve("output_" + o + ".pb");
            if (!Files.isRegularFile(p)) continue;
            OnnxTensor expected = OnnxReader.readTensor(p);
            Tensor got = a.output(o).contiguous();
            assertNull(ConformanceCases.mismatch(expected.shape(), expected.toFloats(), got.shape(), got.toArray()), "output " + o);
        }
        passed++;
    }
}
