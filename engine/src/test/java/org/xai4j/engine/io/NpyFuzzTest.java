package org.xai4j.engine.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hundreds of corrupted .npy files: each is read or refused with a one-line NpyFormatException, fast. */
class NpyFuzzTest {
    @TempDir
    Path dir;

    @Test
    void mutatedFilesAreReadOrRefusedCleanly() throws IOException {
        List<Mutations.Mutant> mutants = new ArrayList<>();
        String[] numpyFiles = {"f4_2x3.npy", "b1_5.npy", "i8_2x2.npy", "f4_scalar.npy", "f4_big_endian_2.npy",
            "f8_3x4_v2.npy", "f8_3x4_v3.npy", "u1_3.npy"};
        long seed = 1;
        for (String name : numpyFiles) mutants.addAll(mutantsOf(name, Files.readAllBytes(NpyTest.resource(name)), seed++));
        float[] ramp = new float[300];
        for (int i = 0; i < ramp.length; i++) ramp[i] = i - 150.5f;
        Path big = dir.resolve("ramp.npy");
        Npy.write(big, HostArray.ofFloat(new int[] {3, 100}, ramp));
        mutants.addAll(mutantsOf("ramp.npy", Files.readAllBytes(big), seed));
        mutants.addAll(splicedShapes());

        int[] outcome = Mutations.check(dir, mutants, Npy::read, NpyFormatException.class);
        assertTrue(mutants.size() >= 600, "only " + mutants.size() + " mutants");
        // Every data-only flip read back (checked per mutant); the rest mostly fail.
        assertTrue(outcome[1] > mutants.size() / 2, outcome[0] + " read, " + outcome[1] + " refused");
    }

    private static List<Mutations.Mutant> mutantsOf(String name, byte[] valid, long seed) {
        int major = valid[6];
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8) & 0xFFFFFFFFL;
        int dataStart = (int) (8 + lengthBytes + headerLength);
        return Mutations.of(name, valid, dataStart, 8, lengthBytes, seed);
    }

    /** Absurd or malformed shapes spliced into an otherwise valid header; all must be refused. */
    private static List<Mutations.Mutant> splicedShapes() {
        String[] shapes = {"(1000000000000,)", "(1000000000000, 1000000000000)", "(-1,)", "(-9223372036854775808,)",
            "(9223372036854775807,)", "(18446744073709551616,)", "(2147483647, 2147483647)", "(2147483647,)",
            "(0, 99999999999)", "(3, -3)", "(,)", "(2,,)", "(2", "2,", "((2,),)", "('2',)", "(2.0,)", "(0x10,)",
            "(1e3,)", "None", "(2, 3", "[2]"};
        List<Mutations.Mutant> out = new ArrayList<>();
        for (String shape : shapes) {
            String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
            out.add(new Mutations.Mutant("shape " + shape, NpyTest.npyBytes(dict, new byte[8]), false, true));
        }
        return out;
    }
}
