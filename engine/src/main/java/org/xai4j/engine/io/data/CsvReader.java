package org.xai4j.engine.io.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Messages;

/**
 * Reads a CSV table of numbers (RFC 4180: comma-separated, fields may be double-quoted, a quote inside
 * one doubled; what pandas' {@code to_csv(index=False)} writes). The first row names the columns; every
 * selected cell must be a decimal number ({@code -1.5}, {@code 2e-3}); an empty or non-numeric cell is an
 * error naming its row and column (rows are counted as a spreadsheet does: the header is row 1). Columns
 * that are not selected may hold anything (the Titanic table's names and sexes), so {@code columns}
 * picks the numeric ones, in the order given.
 */
public final class CsvReader {
    /** A decimal number as pandas and numpy write them; NaN, infinities, hex and Java's "1f" are refused. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvReader() {}

    /**
     * The selected columns of {@code file} as a (rows, columns) float64 array.
     *
     * @param columns header names to keep, in this order; null or empty keeps every column
     * @throws CsvFormatException for an unknown column, a ragged row, or a cell that is not a number
     */
    public static CsvTable read(Path file, List<String> columns) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) throw new CsvFormatException(file, 0, null, "the file is empty; expected a header row naming the columns");
            if (headerLine.startsWith("\uFEFF")) headerLine = headerLine.substring(1);
            List<String> header = new ArrayList<>();
            for (String h : split(file, 1, headerLine)) header.add(h.trim());
            int[] pick = select(file, header, columns);
            List<String> names = new ArrayList<>();
            for (int c : pick) names.add(header.get(c));

            List<double[]> rows = new ArrayList<>();
            String line;
            int row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isEmpty()) continue; // a trailing newline, or blank lines between rows
                List<String> cells = split(file, row, line);
                if (cells.size() != header.size()) {
                    throw new CsvFormatException(file, row, null, "expected " + header.size() + " cells as the header has, got " + cells.size());
                }
                double[] values = new double[pick.length];
                for (int k = 0; k < pick.length; k++) {
                    String cell = cells.get(pick[k]).trim();
                    if (cell.isEmpty()) throw new CsvFormatException(file, row, names.get(k), "empty cell; expected a number");
                    if (!NUMBER.matcher(cell).matches()) {
                        throw new CsvFormatException(file, row, names.get(k), "expected a number, got " + Messages.quote(cell)
                                + (columns == null || columns.isEmpty() ? " (--columns selects the numeric columns)" : ""));
                    }
                    values[k] = Double.parseDouble(cell);
                }
                rows.add(values);
            }
            if (rows.isEmpty()) throw new CsvFormatException(file, 0, null, "no data rows after the header");
            long size = (long) rows.size() * pick.length;
            if (size > HostArray.MAX_ELEMENTS) throw new CsvFormatException(file, 0, null, "too many cells: " + size);
            double[] flat = new double[(int) size];
            for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, flat, r * pick.length, pick.length);
            return new CsvTable(names, HostArray.ofDouble(new int[] {rows.size(), pick.length}, flat));
        }
    }

    /** The header indices of the selected columns (all when none are named). */
    private static int[] select(Path file, List<String> header, List<String> columns) throws CsvFormatException {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (index.put(name, c) != null && (columns == null || columns.isEmpty() || columns.contains(name))) {
                throw new CsvFormatException(file, 1, name, "the header names this column twice");
            }
        }
        if (columns == null || columns.isEmpty()) {
            int[] all = new int[header.size()];
            for (int c = 0; c < all.length; c++) all[c] = c;
            return all;
        }
        int[] pick = new int[columns.size()];
        for (int k = 0; k < pick.length; k++) {
            Integer c = index.get(columns.get(k).trim());
            if (c == null) {
                throw new CsvFormatException(file, 1, columns.get(k), "no such column; the header has " + header);
            }
            pick[k] = c;
        }
        return pick;
    }

    /** One line's fields: commas separate, a double-quoted field may hold commas and doubled quotes. */
    static List<String> split(Path file, int row, String line) throws CsvFormatException {
        List<String> fields = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0, n = line.length();
        if (line.endsWith("\r")) n--;
        while (true) {
            cell.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) throw new CsvFormatException(file, row, null, "a quoted field is not closed (fields spanning lines are not supported)");
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') throw new CsvFormatException(file, row, null, "text after a closing quote at character " + (i + 1));
            } else {
                while (i < n && line.charAt(i) != ',') cell.append(line.charAt(i++));
            }
            fields.add(cell.toString());
            if (i >= n) return fields;
            i++; // the comma
        }
    }
}
