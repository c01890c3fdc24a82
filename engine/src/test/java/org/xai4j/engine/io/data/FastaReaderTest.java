package org.xai4j.engine.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FASTA to one-hot (N, 4, L) in A, C, G, T order, by hand. */
class FastaReaderTest {
    @TempDir
    Path tmp;

    @Test
    void oneHotInAcgtOrderWithAmbiguityCodesAsZeros() throws Exception {
        Path f = Files.writeString(tmp.resolve("s.fa"), ";comment\n>seq1 chr1:5-10\nAC\ngT\n\n>seq2\nnRta\n");
        FastaRecords r = FastaReader.read(f);
        assertEquals(List.of("seq1 chr1:5-10", "seq2"), r.names());
        assertArrayEquals(new int[] {2, 4, 4}, r.oneHot().shape());
        assertArrayEquals(new float[] {
            // seq1 = ACGT: channel A, C, G, T rows over positions
            1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1,
            // seq2 = NRTA: N and R are all-zero columns
            0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, r.oneHot().toFloatArray());
    }

    @Test
    void recordsOfDifferentLengthNameTheRecord() throws Exception {
        Path f = Files.writeString(tmp.resolve("s.fa"), ">a\nACGT\n>b\nACG\n");
        var e = assertThrows(FastaFormatException.class, () -> FastaReader.read(f));
        assertEquals(2, e.record());
        assertEquals("b", e.recordName());
        assertEquals(f + ": record 2 'b': length 3, but record 1 'a' has length 4; all records must have the same length", e.getMessage());
    }

    @Test
    void lettersThatAreNoBaseAndSequenceWithoutHeaderAreRefused() throws Exception {
        var e = assertThrows(FastaFormatException.class, () -> FastaReader.read(Files.writeString(tmp.resolve("x.fa"), ">a\nACXT\n")));
        assertTrue(e.getMessage().contains("position 3 holds 'X'"), e.getMessage());
        assertThrows(FastaFormatException.class, () -> FastaReader.read(Files.writeString(tmp.resolve("y.fa"), "ACGT\n")));
        assertThrows(FastaFormatException.class, () -> FastaReader.read(Files.writeString(tmp.resolve("z.fa"), "")));
    }
}
