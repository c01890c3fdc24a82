package org.xai4j.engine.io.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.xai4j.engine.io.AtomicFiles;

/**
 * Writes a (rows, columns) float table as CSV with a header row, atomically ({@link AtomicFiles}).
 * Values are written as Java's shortest decimal that reads back to the same float32
 * ({@link Float#toString}), so a table read by {@link CsvReader} (or pandas, then cast to float32) gives
 * the same bits.
 */
public final class CsvWriter {
    private CsvWriter() {}

    /**
     * @param header    one name per column (a first label column, when {@code rowLabels} is given, comes before them)
     * @param labelName the name of the label column, used when {@code rowLabels} is not null
     * @param rowLabels one label per row, or null
     * @param values    row-major, rows × header.size() values; not modified
     */
    public static void write(Path file, List<String> header, String labelName, List<String> rowLabels, float[] values)
            throws IOException {
        int cols = header.size();
        int rows = cols == 0 ? 0 : values.length / cols;
        if ((long) rows * cols != values.length) throw new IllegalArgumentException(values.length + " values do not fill " + cols + " columns");
        if (rowLabels != null && rowLabels.size() != rows) {
            throw new IllegalArgumentException(rowLabels.size() + " row labels for " + rows + " rows");
        }
        StringBuilder s = new StringBuilder();
        if (rowLabels != null) s.append(quote(labelName)).append(',');
        for (int c = 0; c < cols; c++) s.append(c > 0 ? "," : "").append(quote(header.get(c)));
        s.append('\n');
        for (int r = 0; r < rows; r++) {
            if (rowLabels != null) s.append(quote(rowLabels.get(r))).append(',');
            for (int c = 0; c < cols; c++) s.append(c > 0 ? "," : "").append(Float.toString(values[r * cols + c]));
            s.append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, channel -> {
            while (bytes.hasRemaining()) channel.write(bytes);
        });
    }

    /** RFC 4180 quoting, only where a field needs it. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0
                && field.strip().equals(field)) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
