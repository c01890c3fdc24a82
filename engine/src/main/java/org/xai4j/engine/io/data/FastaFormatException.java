package org.xai4j.engine.io.data;

import java.nio.file.Path;

/** A FASTA file that is not a set of equal-length DNA records: the record (its name and 1-based index) at fault. */
public final class FastaFormatException extends DataFileException {
    private static final long serialVersionUID = 1L;

    private final int record;
    private final String recordName;

    /**
     * @param record     the 1-based index of the record, or 0 when the problem is not one record's
     * @param recordName the record's name (its header line after '>'), or null
     */
    public FastaFormatException(Path file, int record, String recordName, String problem) {
        super(file, (record > 0 ? "record " + record + (recordName != null ? " '" + recordName + "'" : "") + ": " : "") + problem);
        this.record = record;
        this.recordName = recordName;
    }

    /** The 1-based index of the record at fault; 0 when the problem is not one record's. */
    public int record() {
        return record;
    }

    /** The record's name (its header line after '>'); null when unknown. */
    public String recordName() {
        return recordName;
    }
}
