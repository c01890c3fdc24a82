package org.xai4j.engine.io.data;

import java.util.List;
import org.xai4j.engine.io.HostArray;

/** The records of a FASTA file: their names (header lines without '>'), in file order, and their one-hot (N, 4, L) float32 encoding. */
public record FastaRecords(List<String> names, HostArray oneHot) {
    public FastaRecords {
        names = List.copyOf(names);
    }
}
