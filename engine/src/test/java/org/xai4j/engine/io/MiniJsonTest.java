package org.xai4j.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

    @Test
    void parsesNestedValuesAndEveryEscape() throws Exception {
        Object v = MiniJson.parse(" {\"a\" : [1, -2, {\"b\": \"q\\\"s\\\\l\\/b\\bf\\fn\\nr\\rt\\t\\u00e9\\ud83d\\ude00\"}],"
                + " \"c\": {}, \"d\": [], \"e\": -9223372036854775808}\n");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "c", "d", "e"), List.copyOf(m.keySet()));
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2L, a.get(1));
        assertEquals("q\"s\\l/b\bf\fn\nr\rt\t\u00e9\ud83d\ude00", ((Map<?, ?>) a.get(2)).get("b"));
        assertEquals(Map.of(), m.get("c"));
        assertEquals(List.of(), m.get("d"));
        assertEquals(Long.MIN_VALUE, m.get("e"));
    }

    @Test
    void writesCompactJsonThatParsesBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name \"x\"\n", List.of(0L, 7, -3L));
        m.put("ctl", "\u0001\u001f\t");
        String text = MiniJson.write(m);
        assertEquals("{\"name \\\"x\\\"\\n\":[0,7,-3],\"ctl\":\"\\u0001\\u001f\\t\"}", text);
        assertEquals(Map.of("name \"x\"\n", List.of(0L, 7L, -3L), "ctl", "\u0001\u001f\t"), MiniJson.parse(text));
    }

    @Test
    void numbersWithFractionOrExponentAreDoubles() throws MiniJson.SyntaxException {
        assertEquals(List.of(1.5, -0.002, 1e-4, 3L), MiniJson.parse("[1.5, -2e-3, 0.0001, 3]"));
    }

    @Test
    void refusesWhatItDoesNotSupportWithThePosition() {
        String[][] cases = {
            {"{\"a\":1,\"a\":2}", "JSON at character 7: duplicate key 'a', found '\"a\":2}'"},
            {"[1.]", "JSON at character 3: expected digits after the decimal point, found ']'"},
            {"[2e]", "JSON at character 3: expected digits in the exponent, found ']'"},
            {"[true]", "JSON at character 1: expected an object, array, string or integer, found 'true]'"},
            {"[01]", "JSON at character 1: leading zeros are not allowed, found '01]'"},
            {"\"abc", "JSON at character 4: unterminated string, found the end of the text"},
            {"[9223372036854775808]", "JSON at character 20: integer '9223372036854775808' does not fit a long, found ']'"},
            {"{} x", "JSON at character 3: unexpected text after the value, found 'x'"},
            {"\"a\nb\"", "JSON at character 2: control character in a string must be escaped, found '?b\"'"},
            {"\"\\x\"", "JSON at character 1: unknown escape, found '\\x\"'"},
            {"\"\\u12g4\"", "JSON at character 3: \\u needs 4 hex digits, found '12g4\"'"},
            {"{\"a\" 1}", "JSON at character 5: expected ':', found '1}'"},
            {"[1 2]", "JSON at character 3: expected ',' or ']', found '2]'"},
            {"", "JSON at character 0: expected an object, array, string or integer, found the end of the text"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], assertThrows(MiniJson.SyntaxException.class, () -> MiniJson.parse(c[0]), c[0]).getMessage());
        }
        String deep = "[".repeat(70) + "]".repeat(70);
        assertEquals("JSON at character 65: nesting deeper than 64, found '[[[[[]]]]]]]]]]]]]]]'",
                assertThrows(MiniJson.SyntaxException.class, () -> MiniJson.parse(deep)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MiniJson.write(List.of(1.5)));
    }
}
