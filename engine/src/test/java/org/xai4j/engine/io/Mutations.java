package org.xai4j.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xai4j.engine.random.RandomStream;

/** Deterministic corruptions of a valid file, and the check that a reader survives each one properly. */
final class Mutations {
    /** One corrupted file; {@code mustRead}: the corruption only touched array data, so reading must succeed. */
    record Mutant(String label, byte[] bytes, boolean mustRead, boolean mustFail) {}

    /** A reader under test. */
    @FunctionalInterface
    interface Reader {
        Object read(Path path) throws IOException;
    }

    private static final byte[] INTERESTING = {0, (byte) 0xFF, '(', ')', ',', '-', '9', '\'', '"', '{', '}', '[', ']',
        ' ', '\n', (byte) 0x80, ':', 'L'};

    private Mutations() {}

    /**
     * About 80 corruptions of {@code valid}: truncations at evenly spread offsets, single bit flips (mostly in
     * the header), overwritten bytes, random length fields and appended bytes. Bytes from {@code dataStart}
     * on are array data, so flipping one of them leaves a valid file.
     */
    static List<Mutant> of(String name, byte[] valid, int dataStart, int lengthFieldAt, int lengthFieldBytes, long seed) {
        RandomStream random = new RandomStream(seed, 0);
        List<Mutant> out = new ArrayList<>();
        int step = Math.max(1, valid.length / 30);
        for (int cut = 0; cut < valid.length; cut += step) {
            out.add(new Mutant(name + " truncated to " + cut, Arrays.copyOf(valid, cut), false, true));
        }
        out.add(new Mutant(name + " truncated by 1", Arrays.copyOf(valid, valid.length - 1), false, true));
        for (int k = 0; k < 30; k++) {
            boolean inData = dataStart < valid.length && random.nextInt(10) < 3;
            int at = inData ? dataStart + random.nextInt(valid.length - dataStart) : random.nextInt(dataStart);
            int bit = random.nextInt(8);
            byte[] b = valid.clone();
            b[at] ^= (byte) (1 << bit);
            out.add(new Mutant(name + " bit " + bit + " of byte " + at + " flipped", b, inData, false));
        }
        for (int k = 0; k < 15; k++) {
            int at = random.nextInt(dataStart);
            byte[] b = valid.clone();
            b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
            out.add(new Mutant(name + " byte " + at + " set to " + (b[at] & 0xFF), b, false, false));
        }
        for (int k = 0; k < 6; k++) {
            byte[] b = valid.clone();
            for (int i = 0; i < lengthFieldBytes; i++) b[lengthFieldAt + i] = (byte) random.nextInt();
            out.add(new Mutant(name + " random header length " + k, b, false, false));
        }
        out.add(new Mutant(name + " one byte appended", Arrays.copyOf(valid, valid.length + 1), false, false));
        out.add(new Mutant(name + " 4096 bytes appended", Arrays.copyOf(valid, valid.length + 4096), false, false));
        return out;
    }

    /**
     * Reads every mutant from a file and checks the outcome: success, or {@code expected} with a one-line
     * message naming the file; nothing else (no other exception, no OutOfMemoryError), none allocating more than a small multiple of its size.
     * Returns {successes, format errors}.
     */
    static int[] check(Path dir, List<Mutant> mutants, Reader reader, Class<? extends IOException> expected)
            throws IOException {
        Path p = dir.resolve("mutant.bin");
        int read = 0, refused = 0;
        for (Mutant m : mutants) {
            Files.write(p, m.bytes());
            long before = AllocationMeter.bytes();
            Throwable thrown = null;
            try {
                reader.read(p);
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown == null) {
                read++;
                assertFalse(m.mustFail(), m.label() + ": expected a format error, but it was read");
            } else {
                if (!expected.isInstance(thrown)) {
                    fail(m.label() + ": expected " + expected.getSimpleName() + " but got " + thrown, thrown);
                }
                refused++;
                String msg = thrown.getMessage();
                assertTrue(msg.startsWith(p + ": "), m.label() + ": message does not name the file: " + msg);
                assertFalse(msg.contains("\n") || msg.contains("\r"), m.label() + ": message is not one line: " + msg);
                assertFalse(m.mustRead(), m.label() + ": only data changed, yet " + msg);
            }
            // Refused before allocating: never more than a small multiple of the file itself.
            long allocated = AllocationMeter.bytes() - before;
            assertTrue(allocated < 16L * m.bytes().length + (16 << 20), m.label() + " allocated " + allocated + " bytes");
        }
        assertEquals(mutants.size(), read + refused);
        return new int[] {read, refused};
    }
}
