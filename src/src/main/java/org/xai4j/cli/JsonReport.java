package org.xai4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xai4j.engine.io.AtomicFiles;

/**
 * Reports for scripts: indented JSON of maps, lists, strings and numbers (a non-finite double, which
 * JSON cannot hold, becomes null), and text files written atomically as every output is.
 */
final class JsonReport {
    private JsonReport() {}

    /** The value as indented JSON, ending in a newline. */
    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, "");
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, String indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') b.append('\\').append(c);
                else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                else b.append(c);
            }
            b.append('"');
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            b.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            String inner = indent + "  ";
            int k = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(inner);
                write(b, e.getKey().toString(), inner);
                b.append(": ");
                write(b, e.getValue(), inner);
                b.append(++k < m.size() ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        } else if (v instanceof List<?> list) {
            boolean flat = list.stream().allMatch(x -> !(x instanceof Map) && !(x instanceof List));
            b.append('[');
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                if (!flat) b.append('\n').append(inner);
                write(b, list.get(i), inner);
                if (i + 1 < list.size()) b.append(flat ? ", " : ",");
            }
            if (!flat && !list.isEmpty()) b.append('\n').append(indent);
            b.append(']');
        } else {
            throw new IllegalArgumentException("JsonReport cannot write a " + v.getClass().getSimpleName());
        }
    }

    /** Writes UTF-8 text atomically (a failed run leaves no partial file). */
    static void writeText(Path out, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out, channel -> {
            while (bytes.hasRemaining()) channel.write(bytes);
        });
    }
}
