package org.xai4j.engine.io.data;

import java.nio.file.Path;

/** A CSV file that is not a numeric table: the row (1-based, the header is row 1) and column at fault. */
public final class CsvFormatException extends DataFileException {
    private static final long serialVersionUID = 1L;

    private final int row;
    private final String column;

    /**
     * @param row    the 1-based line of the file (the header is row 1), or 0 when the problem is not one row's
     * @param column the column's header name, or null when the problem is not one column's
     */
    public CsvFormatException(Path file, int row, String column, String problem) {
        super(file, (row > 0 ? "row " + row + (column != null ? ", " : ": ") : "")
                + (column != null ? "column '" + column + "': " : "") + problem);
        this.row = row;
        this.column = column;
    }

    /** The 1-based line of the file (the header is row 1); 0 when the problem is not one row's. */
    public int row() {
        return row;
    }

    /** The column's header name; null when the problem is not one column's. */
    public String column() {
        return column;
    }
}
