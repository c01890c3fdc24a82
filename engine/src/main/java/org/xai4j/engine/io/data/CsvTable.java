package org.xai4j.engine.io.data;

import java.util.List;
import org.xai4j.engine.io.HostArray;

/**
 * A numeric table read from CSV: the selected columns' header names, in order, and their values as a
 * float64 (rows, columns) array (float64 so that a table written from float64 data becomes float32 by
 * one rounding, exactly as the same data saved as a float64 .npy).
 */
public record CsvTable(List<String> columns, HostArray values) {
    public CsvTable {
        columns = List.copyOf(columns);
    }
}
