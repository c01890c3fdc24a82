package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and messages: 2 for usage errors, 1 for bad file contents, one line without a stack
 * trace, fast, and never an output file left behind.
 */
class CliErrorsTest {
    @TempDir Path tmp;

    @BeforeAll
    static void warmUp() throws IOException {
        // class loading and JIT of the first run should not count against "well under a second"
        Path out = Files.createTempFile("xai-warmup", ".npy");
        run("predict", "--model", example("model.onnx").toString(), "--input", example("input.npy").toString(),
                "--out", out.toString());
        Files.deleteIfExists(out);
    }

    private static void assertOneLine(CliRunner.Result r, String expectedPrefix) {
        String[] lines = r.errLines();
        assertEquals(1, lines.length, "expected one line, got:\n" + r.err());
        assertTrue(lines[0].startsWith(expectedPrefix), lines[0]);
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.millis() < 1000, "took " + r.millis() + " ms");
    }

    private CliRunner.Result predict(Path model, Path input, Path out) {
        return run("predict", "--model", model.toString(), "--input", input.toString(), "--out", out.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner.Result r = run("predict", "--model", example("model.onnx").toString(), "--input",
                example("input.npy").toString(), "--out", tmp.resolve("y.npy").toString(), "--bogus");
        assertEquals(2, r.code());
        assertTrue(r.errLines()[0].startsWith("xai: Unknown option: '--bogus'"), r.err());
        assertFalse(Files.exists(tmp.resolve("y.npy")));
    }

    @Test
    void missingModelOptionIsAUsageError() {
        CliRunner.Result r = run("predict", "--input", example("input.npy").toString(), "--out", tmp.resolve("y.npy").toString());
        assertEquals(2, r.code());
        assertTrue(r.errLines()[0].startsWith("xai: Missing required option: '--model=M.onnx'"), r.err());
        assertEquals(2, run("info").code());
        assertEquals(2, run("layers", "--model", example("model.onnx").toString()).code());
    }

    @Test
    void noCommandAndUnknownCommandAreUsageErrors() {
        assertEquals(2, run().code());
        assertEquals(2, run("predikt").code());
    }

    @Test
    void missingFilesAreUsageErrorsNamingTheFile() {
        Path out = tmp.resolve("y.npy");
        Path nowhere = tmp.resolve("nowhere.onnx");
        CliRunner.Result r = predict(nowhere, example("input.npy"), out);
        assertEquals(2, r.code());
        assertOneLine(r, "xai: no such file: " + nowhere);
        CliRunner.Result s = predict(example("model.onnx"), tmp.resolve("nothing.npy"), out);
        assertEquals(2, s.code());
        assertOneLine(s, "xai: no such file: " + tmp.resolve("nothing.npy"));
        CliRunner.Result i = run("info", "--model", nowhere.toString());
        assertEquals(2, i.code());
        assertOneLine(i, "xai: no such file: " + nowhere);
        CliRunner.Result d = predict(example("model.onnx"), example("input.npy"), tmp.resolve("no/such/dir/y.npy"));
        assertEquals(2, d.code());
        assertOneLine(d, "xai: no such directory for the output: ");
        assertFalse(Files.exists(out));
    }

    @Test
    void wrongInputCountOrShapeIsAUsageErrorNamingTheInput() throws IOException {
        Path out = tmp.resolve("y.npy");
        CliRunner.Result two = run("predict", "--model", example("model.onnx").toString(), "--input", example("input.npy").toString(),
                "--input", example("input.npy").toString(), "--out", out.toString());
        assertEquals(2, two.code());
        assertOneLine(two, "xai: the model takes 1 input(s) [features], got 2 --input file(s)");
        Path wrong = tmp.resolve("wrong.npy");
        org.xai4j.engine.io.Npy.write(wrong, org.xai4j.engine.io.HostArray.ofFloat(new int[] {2, 5}, new float[10]));
        CliRunner.Result shape = predict(example("model.onnx"), wrong, out);
        assertEquals(2, shape.code());
        assertOneLine(shape, "xai: input 'features' expects shape [batch,4], got [2,5] from " + wrong);
        assertFalse(Files.exists(out));
    }

    @Test
    void truncatedOnnxFailsWithOneLine() throws IOException {
        byte[] bytes = Files.readAllBytes(captum("image_cnn", "model.onnx"));
        Path bad = tmp.resolve("truncated.onnx");
        Files.write(bad, Arrays.copyOf(bytes, bytes.length / 2));
        Path out = tmp.resolve("y.npy");
        CliRunner.Result r = predict(bad, captum("image_cnn", "input.npy"), out);
        assertEquals(1, r.code(), r.err());
        assertOneLine(r, "xai: " + bad.getFileName() + ": truncated");
        assertFalse(Files.exists(out));
        CliRunner.Result info = run("info", "--model", bad.toString());
        assertEquals(1, info.code());
        assertOneLine(info, "xai: " + bad.getFileName() + ": truncated");
    }

    @Test
    void bitFlippedOnnxFailsWithOneLine() throws IOException {
        byte[] bytes = Files.readAllBytes(example("model.onnx"));
        // byte 0 is the tag of ModelProto.ir_version (field 1, varint: 0x08); bit 2 makes it wire type 4,
        // a deprecated end-group that no valid ONNX file contains
        bytes[0] ^= 0x04;
        Path bad = tmp.resolve("flipped.onnx");
        Files.write(bad, bytes);
        Path out = tmp.resolve("y.npy");
        CliRunner.Result r = predict(bad, example("input.npy"), out);
        assertEquals(1, r.code(), r.err());
        assertOneLine(r, "xai: " + bad.getFileName() + ": unknown wire type 4");
        assertFalse(Files.exists(out));
    }

    @Test
    void everySingleBitFlipOfTheExampleGivesACleanResult() throws IOException {
        byte[] original = Files.readAllBytes(example("model.onnx"));
        Path out = tmp.resolve("y.npy");
        int failures = 0;
        for (int pos = 0; pos < original.length; pos += 5) {
            byte[] bytes = original.clone();
            bytes[pos] ^= (byte) (1 << (pos % 8));
            Path bad = tmp.resolve("flip" + pos + ".onnx");
            Files.write(bad, bytes);
            CliRunner.Result r = predict(bad, example("input.npy"), out);
            assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 2, "byte " + pos + ": exit " + r.code());
            if (r.code() != 0) {
                failures++;
                assertOneLine(r, "xai: ");
                assertFalse(r.err().contains("internal error"), "byte " + pos + ": " + r.err());
                assertFalse(Files.exists(out), "byte " + pos);
            }
            Files.deleteIfExists(out);
            Files.delete(bad);
        }
        // most flips land in weights and still load; many must be caught
        assertTrue(failures > 20, "only " + failures + " flips were refused");
    }

    @Test
    void truncatedNpyFailsWithOneLineAndKeepsAnExistingOutput() throws IOException {
        byte[] bytes = Files.readAllBytes(captum("image_cnn", "input.npy"));
        Path bad = tmp.resolve("truncated.npy");
        Files.write(bad, Arrays.copyOf(bytes, bytes.length - 100));
        Path out = tmp.resolve("y.npy");
        Files.writeString(out, "previous result");
        CliRunner.Result r = predict(captum("image_cnn", "model.onnx"), bad, out);
        assertEquals(1, r.code(), r.err());
        assertOneLine(r, "xai: " + bad);
        assertEquals("previous result", Files.readString(out));
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left beside the output");
        }
    }

    @Test
    void npyHeaderClaimingATrillionElementsFailsFastWithoutAllocating() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) header.append(' ');
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[10 + h.length + 64];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (h.length & 0xFF), (byte) (h.length >> 8)};
        System.arraycopy(magic, 0, file, 0, 10);
        System.arraycopy(h, 0, file, 10, h.length);
        Path bad = tmp.resolve("huge.npy");
        Files.write(bad, file);
        Path out = tmp.resolve("y.npy");
        CliRunner.Result r = predict(example("model.onnx"), bad, out);
        assertEquals(1, r.code(), r.err());
        assertOneLine(r, "xai: " + bad);
        assertFalse(Files.exists(out));
        CliRunner.Result layers = run("layers", "--model", example("model.onnx").toString(), "--input", bad.toString());
        assertEquals(1, layers.code());
        assertOneLine(layers, "xai: " + bad);
    }

    @Test
    void debugPrintsTheStackTrace() throws IOException {
        Path bad = tmp.resolve("garbage.onnx");
        Files.writeString(bad, "this is not a model");
        CliRunner.Result r = run("info", "--debug", "--model", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("xai: " + bad.getFileName() + ": "), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
