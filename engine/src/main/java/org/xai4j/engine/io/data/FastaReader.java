package org.xai4j.engine.io.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Messages;

/**
 * Reads DNA records from FASTA and one-hot encodes them as a float32 (N, 4, L) array, channels in A, C,
 * G, T order (the layout of the DNA motif models, e.g. Basset/DeepSEA and Captum's genomics tutorials):
 * {@code x[n, c, i] = 1} when base i of record n is the c-th of ACGT. Lower case (soft-masked repeats) reads
 * as upper case. {@code N} and the other IUPAC ambiguity codes (R Y S W K M B D H V) and the gap {@code -}
 * give an all-zero column: the position carries no base, as in Basset's encoding. Any other letter is an
 * error naming the record. Every record must have the same length (a batch has one L).
 */
public final class FastaReader {
    private static final String ZERO_COLUMN = "NRYSWKMBDHV-.";

    private FastaReader() {}

    /** The records of {@code file}, one-hot encoded. */
    public static FastaRecords read(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        List<StringBuilder> sequences = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.startsWith(">")) {
                    names.add(line.substring(1).trim());
                    sequences.add(new StringBuilder());
                } else if (line.startsWith(";") || line.isBlank()) {
                    continue; // old-style comment lines, blank lines
                } else if (sequences.isEmpty()) {
                    throw new FastaFormatException(file, 0, null, "line " + lineNo + " holds sequence before the first '>' header: "
                            + Messages.quote(line));
                } else {
                    for (int i = 0; i < line.length(); i++) {
                        char c = line.charAt(i);
                        if (!Character.isWhitespace(c)) sequences.get(sequences.size() - 1).append(c);
                    }
                }
            }
        }
        if (names.isEmpty()) throw new FastaFormatException(file, 0, null, "no records (a record starts with a '>' line)");
        int length = sequences.get(0).length();
        for (int r = 0; r < names.size(); r++) {
            int l = sequences.get(r).length();
            if (l == 0) throw new FastaFormatException(file, r + 1, names.get(r), "empty sequence");
            if (l != length) {
                throw new FastaFormatException(file, r + 1, names.get(r), "length " + l + ", but record 1 '" + names.get(0)
                        + "' has length " + length + "; all records must have the same length");
            }
        }
        long size = 4L * length * names.size();
        if (size > HostArray.MAX_ELEMENTS) throw new FastaFormatException(file, 0, null, "too many bases: " + size / 4);
        float[] x = new float[(int) size];
        for (int r = 0; r < names.size(); r++) {
            CharSequence s = sequences.get(r);
            for (int i = 0; i < length; i++) {
                char c = Character.toUpperCase(s.charAt(i));
                int channel = "ACGT".indexOf(c);
                if (channel >= 0) {
                    x[(r * 4 + channel) * length + i] = 1f;
                } else if (ZERO_COLUMN.indexOf(c) < 0) {
                    throw new FastaFormatException(file, r + 1, names.get(r), "position " + (i + 1) + " holds '" + s.charAt(i)
                            + "'; expected A, C, G, T or an IUPAC ambiguity code (N R Y S W K M B D H V, read as no base)");
                }
            }
        }
        return new FastaRecords(names, HostArray.ofFloat(new int[] {names.size(), 4, length}, x));
    }
}
