package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.ConformanceCases;
import org.xai4j.engine.io.onnx.OnnxReader;
import org.xai4j.engine.io.onnx.OnnxTensor;
import org.xai4j.engine.io.onnx.OnnxValueInfo;

/**
 * ONNX's conformance cases as a user runs them: each case's inputs saved as .npy (int64 ones as int64
 * arrays), {@code xai predict --input ... --input ...}, and the written output against output_0.pb.
 * The cases whose shape, axes or pads arrive as an int64 graph input are among them.
 */
class CliConformanceTest {
    @TempDir static Path tmp;
    static int selected, passed, integerCases, integerPassed;
    static final List<String> integerNames = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everySelectedCaseThroughPredict() throws IOException {
        assumeTrue(ConformanceCases.available(), "libonnx-testdata is not installed (" + ConformanceCases.DATA
                + " missing): apt-get install libonnx-testdata to run the ONNX conformance cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCases.Case c : ConformanceCases.selected(new ArrayList<>())) {
            selected++;
            if (c.integerInputs() > 0) {
                integerCases++;
                integerNames.add(c.name());
            }
            tests.add(DynamicTest.dynamicTest(c.name(), () -> predict(c)));
        }
        assertTrue(integerCases > 0, "the selection includes cases with int64 graph inputs");
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("ONNX conformance through xai predict: " + passed + " of " + selected + " cases passed, "
                + integerPassed + " of " + integerCases + " with int64 graph inputs " + integerNames);
    }

    static void predict(ConformanceCases.Case c) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "case");
        List<String> args = new ArrayList<>(List.of("predict", "--model", c.data().resolveSibling("model.onnx").toString()));
        int k = 0;
        for (OnnxValueInfo v : c.boundInputs()) {
            OnnxTensor t = OnnxReader.readTensor(c.data().resolve("input_" + k + ".pb"));
            HostArray a = t.dataType() == OnnxTensor.INT64 ? HostArray.ofLong(t.shape(), t.toLongs())
                    : HostArray.ofFloat(t.shape(), t.toFloats());
            Path npy = dir.resolve("input_" + k++ + ".npy");
            Npy.write(npy, a);
            args.add("--input");
            args.add(npy.toString());
        }
        Path out = dir.resolve("out.npy");
        args.add("--out");
        args.add(out.toString());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), c.name() + ": " + r.err());
        OnnxTensor expected = OnnxReader.readTensor(c.data().resolve("output_0.pb"));
        HostArray got = Npy.read(out);
        assertNull(ConformanceCases.mismatch(expected.shape(), expected.toFloats(), got.shape(), got.toFloatArray()), c.name());
        passed++;
        if (c.integerInputs() > 0) integerPassed++;
    }
}
