package org.xai4j.kernels.cuda;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.random.PhiloxRandom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The device's Philox code (src/main/cuda/philox.cuh: Philox4x32-10 and the fdlibm log/sin/cos of its
 * Box-Muller normals) compiled for the host with the C compiler, without contraction into FMAs as the
 * PTX build: every uniform, normal and dropout-mask value is bit-identical to engine/random's. On a GPU
 * the same text runs (CudaTwinTest checks the device values); this proves the transcription here.
 */
class PhiloxHostTwinTest {
    @TempDir
    static Path tmp;
    private static Path twin;
    private static String skipReason;

    @BeforeAll
    static void compile() throws Exception {
        Path cc = ExternalTool.find("cc").or(() -> ExternalTool.find("gcc")).orElse(null);
        Path src = Path.of("src/test/c/philox_twin.c");
        if (cc == null) {
            skipReason = "no C compiler (cc, gcc) on PATH";
            return;
        }
        twin = tmp.resolve("philox_twin");
        var r = ExternalTool.run(List.of(cc.toString(), "-O2", "-std=c99", "-ffp-contract=off", "-Isrc/main/cuda",
                "-o", twin.toString(), src.toString(), "-lm"), null);
        assertEquals(0, r.exitCode(), "compiling " + src + ":\n" + r.output());
    }

    private static float[] run(String... args) throws Exception {
        assumeTrue(skipReason == null, skipReason);
        List<String> cmd = new ArrayList<>(List.of(twin.toString()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.bin");
        var r = ExternalTool.run(cmd, out);
        assertEquals(0, r.exitCode(), r.output());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static void assertBitIdentical(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": count");
        int mismatches = 0, first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                if (first < 0) first = i;
                mismatches++;
            }
        }
        assertEquals(0, mismatches, what + ": first mismatch at " + first
                + (first >= 0 ? " (java " + expected[first] + ", device code " + actual[first] + ")" : ""));
    }

    @Test
    void normalsAreBitIdentical() throws Exception {
        // a start that is not a multiple of 4 and a stream above 2^32: every addressing path
        int n = 1 << 20;
        float[] java = new float[n];
        long seed = 0x1234_5678_9ABCL, stream = (1L << 33) + 5;
        PhiloxRandom.fillNormal(seed, stream, 3, java, 0, n);
        assertBitIdentical(java, run("normal", Long.toUnsignedString(seed), Long.toString(stream), "3", Integer.toString(n)), "normals");
    }

    @Test
    void uniformsAreBitIdentical() throws Exception {
        int n = 100_003;
        float[] java = new float[n];
        PhiloxRandom.fillUniform(-7L, 2, 1L << 32, java, 0, n);
        assertBitIdentical(java, run("uniform", Long.toUnsignedString(-7L), "2", Long.toString(1L << 32), Integer.toString(n)), "uniforms");
    }

    @Test
    void dropoutMasksAreBitIdentical() throws Exception {
        int n = 65_537;
        float keep = 0.8f, scale = 1f / keep;
        float[] java = new float[n];
        PhiloxRandom.bernoulliMask(42, 11, keep, java, scale);
        int threshold = (int) Math.ceil(keep * 0x1.0p24);
        float[] device = run("bernoulli", "42", "11", "0", Integer.toString(n), Integer.toString(threshold), Float.toString(scale));
        assertBitIdentical(java, device, "dropout mask");
        int kept = 0;
        for (float v : device) if (v != 0f) kept++;
        assertEquals(0.8, kept / (double) n, 0.01); // the mask keeps about keepProb of the elements
    }
}
