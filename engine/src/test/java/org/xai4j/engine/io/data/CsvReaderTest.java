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

/** The CSV reader: selection and order of columns, quoting, and errors naming row and column. */
class CsvReaderTest {
    @TempDir
    Path tmp;

    Path csv(String text) throws Exception {
        return Files.writeString(tmp.resolve("t.csv"), text);
    }

    @Test
    void selectsAndOrdersColumnsAndSkipsTextColumnsNotSelected() throws Exception {
        Path f = csv("\uFEFFPassengerId,Name,Age,\"Fare, GBP\"\r\n1,\"Braund, Mr. Owen \"\"Harris\"\"\",22,7.25\r\n2,Cumings,38,71.2833\r\n\r\n");
        CsvTable t = CsvReader.read(f, List.of("Fare, GBP", "Age"));
        assertEquals(List.of("Fare, GBP", "Age"), t.columns());
        assertArrayEquals(new int[] {2, 2}, t.values().shape());
        assertArrayEquals(new double[] {7.25, 22, 71.2833, 38}, t.values().toDoubleArray());
    }

    @Test
    void everyColumnWhenNoneAreNamedAndNumbersAsNumpyWritesThem() throws Exception {
        CsvTable t = CsvReader.read(csv("a,b,c\n-1.5,2e-3,+.5\n1E+2,0.1,7\n"), null);
        assertEquals(List.of("a", "b", "c"), t.columns());
        assertArrayEquals(new double[] {-1.5, 2e-3, 0.5, 100, 0.1, 7}, t.values().toDoubleArray());
    }

    @Test
    void aTextCellNamesItsRowAndColumn() throws Exception {
        Path f = csv("Age,Sex\n22,1\n38,female\n");
        var e = assertThrows(CsvFormatException.class, () -> CsvReader.read(f, null));
        assertEquals(3, e.row());
        assertEquals("Sex", e.column());
        assertEquals(f + ": row 3, column 'Sex': expected a number, got 'female' (--columns selects the numeric columns)", e.getMessage());
    }

    @Test
    void anEmptyCellNamesItsRowAndColumn() throws Exception {
        var e = assertThrows(CsvFormatException.class, () -> CsvReader.read(csv("Age,Fare\n22,1\n,3\n"), List.of("Fare", "Age")));
        assertEquals(3, e.row());
        assertEquals("Age", e.column());
        assertTrue(e.getMessage().contains("empty cell"), e.getMessage());
        // NaN and infinities are not numbers a table of features should hold
        assertThrows(CsvFormatException.class, () -> CsvReader.read(csv("a\nNaN\n"), null));
    }

    @Test
    void unknownColumnsRaggedRowsAndEmptyFilesAreRefused() throws Exception {
        var unknown = assertThrows(CsvFormatException.class, () -> CsvReader.read(csv("a,b\n1,2\n"), List.of("c")));
        assertEquals("c", unknown.column());
        assertTrue(unknown.getMessage().contains("[a, b]"), unknown.getMessage());
        var ragged = assertThrows(CsvFormatException.class, () -> CsvReader.read(csv("a,b\n1,2\n3\n"), null));
        assertEquals(3, ragged.row());
        assertThrows(CsvFormatException.class, () -> CsvReader.read(csv(""), null));
        assertThrows(CsvFormatException.class, () -> CsvReader.read(csv("a,b\n"), null));
        assertThrows(CsvFormatException.class, () -> CsvReader.read(csv("a,a\n1,2\n"), null));
    }
}
