package org.xai4j.engine.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader and writer for the subset of JSON (RFC 8259) that file headers and fixture
 * descriptions need: objects, arrays, strings (with every RFC 8259 escape), integers that fit a long
 * (as Long) and other numbers (as Double; callers that need integers check the type). Anything else
 * (true/false/null, duplicate keys, nesting deeper than 64) is refused with its character offset, so a
 * corrupt header fails loudly rather than being half-understood.
 */
public final class MiniJson {
    private static final int MAX_DEPTH = 64;

    private MiniJson() {}

    /** A syntax error; the message gives the character offset and what was expected. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Parses one value, surrounded by optional whitespace. Objects become unmodifiable insertion-ordered
     * {@code Map<String, Object>}, arrays {@code List<Object>}, strings {@code String}, integers {@code Long}.
     */
    public static Object parse(String text) throws SyntaxException {
        Reader r = new Reader(text);
        r.skipSpace();
        Object v = r.value(0);
        r.skipSpace();
        if (r.p != text.length()) throw r.error("unexpected text after the value");
        return v;
    }

    /** Compact JSON for a Map (String keys), List, String, Long or Integer value. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v instanceof String) {
            writeString(b, (String) v);
        } else if (v instanceof Long || v instanceof Integer) {
            b.append(v);
        } else if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!(e.getKey() instanceof String)) throw new IllegalArgumentException("JSON keys must be strings: " + e.getKey());
                if (!first) b.append(',');
                first = false;
                writeString(b, (String) e.getKey());
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List) {
            b.append('[');
            boolean first = true;
            for (Object item : (List<?>) v) {
                if (!first) b.append(',');
                first = false;
                write(b, item);
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("MiniJson writes maps, lists, strings and integers, not "
                    + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    private static void writeString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        b.append('"');
    }

    private static final class Reader {
        private final String s;
        int p;

        Reader(String s) {
            this.s = s;
        }

        Object value(int depth) throws SyntaxException {
            if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
            char c = peek();
            if (c == '{') return object(depth);
            if (c == '[') return array(depth);
            if (c == '"') return string();
            if (c == '-' || (c >= '0' && c <= '9')) return integer();
            throw error("expected an object, array, string or integer");
        }

        private Map<String, Object> object(int depth) throws SyntaxException {
            p++;
            Map<String, Object> out = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                p++;
                return Collections.unmodifiableMap(out);
            }
            while (true) {
                skipSpace();
                if (peek() != '"') throw error("expected a string key");
                int keyAt = p;
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                Object v = value(depth + 1);
                if (out.containsKey(key)) {
                    p = keyAt;
                    throw error("duplicate key " + Messages.quote(key));
                }
                out.put(key, v);
                skipSpace();
                if (peek() == ',') {
                    p++;
                } else if (peek() == '}') {
                    p++;
                    return Collections.unmodifiableMap(out);
                } else {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) throws SyntaxException {
            p++;
            List<Object> out = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                p++;
                return Collections.unmodifiableList(out);
            }
            while (true) {
                skipSpace();
                out.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    p++;
                } else if (peek() == ']') {
                    p++;
                    return Collections.unmodifiableList(out);
                } else {
                    throw error("expected ',' or ']'");
                }
            }
        }

        /** An integer as a Long; a number with a fraction or exponent as a Double (JSON's number grammar). */
        private Object integer() throws SyntaxException {
            int start = p;
            if (peek() == '-') p++;
            int digitsStart = p;
            while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
            if (p == digitsStart) throw error("expected digits");
            if (s.charAt(digitsStart) == '0' && p - digitsStart > 1) {
                p = digitsStart;
                throw error("leading zeros are not allowed");
            }
            char next = peek();
            if (next == '.' || next == 'e' || next == 'E') {
                if (next == '.') {
                    p++;
                    int f = p;
                    while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
                    if (p == f) throw error("expected digits after the decimal point");
                }
                if (peek() == 'e' || peek() == 'E') {
                    p++;
                    if (peek() == '+' || peek() == '-') p++;
                    int e = p;
                    while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
                    if (p == e) throw error("expected digits in the exponent");
                }
                return Double.parseDouble(s.substring(start, p));
            }
            String digits = s.substring(start, p);
            if (p - digitsStart > 19) throw error("integer " + Messages.quote(digits) + " does not fit a long");
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("integer " + Messages.quote(digits) + " does not fit a long");
            }
        }

        private String string() throws SyntaxException {
            p++; // opening quote
            StringBuilder b = new StringBuilder();
            while (true) {
                if (p >= s.length()) throw error("unterminated string");
                char c = s.charAt(p++);
                if (c == '"') return b.toString();
                if (c < 0x20) {
                    p--;
                    throw error("control character in a string must be escaped");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (p >= s.length()) throw error("unterminated escape");
                char e = s.charAt(p++);
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u': b.append(hex4()); break;
                    default:
                        p -= 2;
                        throw error("unknown escape");
                }
            }
        }

        private char hex4() throws SyntaxException {
            if (p + 4 > s.length()) throw error("\\u needs 4 hex digits");
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(p + i), 16);
                if (d < 0 || s.charAt(p + i) > 'f') throw error("\\u needs 4 hex digits");
                v = v * 16 + d;
            }
            p += 4;
            return (char) v;
        }

        private void expect(char c) throws SyntaxException {
            if (peek() != c) throw error("expected '" + c + "'");
            p++;
        }

        private char peek() {
            return p < s.length() ? s.charAt(p) : '\0';
        }

        void skipSpace() {
            while (p < s.length()) {
                char c = s.charAt(p);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
                p++;
            }
        }

        SyntaxException error(String what) {
            String found = p >= s.length() ? "the end of the text" : Messages.quote(s.substring(p, Math.min(s.length(), p + 20)).stripTrailing());
            return new SyntaxException("JSON at character " + p + ": " + what + ", found " + found);
        }
    }
}
