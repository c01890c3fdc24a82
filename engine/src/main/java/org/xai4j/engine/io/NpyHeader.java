package org.xai4j.engine.io;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of a .npy file, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}
 * (NumPy NEP 1, "A simple file format for NumPy arrays"). Parsing accepts exactly the Python-literal subset
 * NumPy writes: a dict of the three keys, strings, True/False and tuples of non-negative integers.
 */
final class NpyHeader {
    final DType dtype;
    final ByteOrder order;
    final boolean fortranOrder;
    final int[] shape;
    /** Product of the shape, at most {@link HostArray#MAX_ELEMENTS}. */
    final long count;

    private NpyHeader(DType dtype, ByteOrder order, boolean fortranOrder, int[] shape, long count) {
        this.dtype = dtype;
        this.order = order;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.count = count;
    }

    /** The header dict NumPy writes for a C-order little-endian array, without padding. */
    static String format(DType dtype, int[] shape) {
        StringBuilder b = new StringBuilder("{'descr': '");
        b.append(dtype.byteSize() == 1 ? '|' : '<').append(dtype.npyCode());
        b.append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) b.append(", ");
            b.append(shape[i]);
        }
        if (shape.length == 1) b.append(','); // a Python 1-tuple
        return b.append("), }").toString();
    }

    /** Parses and validates a header dict; every problem is an {@link NpyFormatException} naming {@code file}. */
    static NpyHeader parse(String file, String text) throws NpyFormatException {
        Map<String, Object> dict = new Parser(file, text).dict();
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new NpyFormatException(file, "header keys: expected descr, fortran_order, shape, found "
                    + String.join(", ", dict.keySet()));
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String)) {
            throw new NpyFormatException(file, "descr: expected a type string like '<f4', found a " + kind(descr));
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new NpyFormatException(file, "fortran_order: expected True or False, found a " + kind(fortran));
        }
        Object shapeValue = dict.get("shape");
        if (!(shapeValue instanceof long[])) {
            throw new NpyFormatException(file, "shape: expected a tuple of integers, found a " + kind(shapeValue));
        }
        String d = (String) descr;
        DType dtype = d.length() >= 2 ? DType.fromNpyCode(d.substring(1)) : null;
        char orderChar = d.isEmpty() ? '?' : d.charAt(0);
        boolean orderOk = orderChar == '<' || orderChar == '>'
                || (dtype != null && dtype.byteSize() == 1 && (orderChar == '|' || orderChar == '='));
        if (dtype == null || !orderOk) {
            throw new NpyFormatException(file, "descr: expected one of '<f4', '<f8', '<i8', '<i4', '|b1', '|u1'"
                    + " (or '>' byte order), found " + Messages.quote(d));
        }
        ByteOrder order = orderChar == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long[] dims = (long[]) shapeValue;
        int[] shape = new int[dims.length];
        boolean anyZero = false;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new NpyFormatException(file, "shape: expected sizes >= 0, found " + dims[i] + " on axis " + i);
            }
            if (dims[i] > HostArray.MAX_ELEMENTS) {
                throw new NpyFormatException(file, "shape: axis " + i + " has " + dims[i]
                        + " elements, more than the limit of " + HostArray.MAX_ELEMENTS);
            }
            shape[i] = (int) dims[i];
            anyZero |= dims[i] == 0;
        }
        long count = 1;
        if (anyZero) {
            count = 0;
        } else {
            for (long s : dims) {
                count *= s; // both factors <= 2^31, so no overflow before the check
                if (count > HostArray.MAX_ELEMENTS) {
                    throw new NpyFormatException(file, "shape " + java.util.Arrays.toString(dims)
                            + " has more than the limit of " + HostArray.MAX_ELEMENTS + " elements");
                }
            }
        }
        return new NpyHeader(dtype, order, (Boolean) fortran, shape, count);
    }

    private static String kind(Object v) {
        if (v instanceof String) return "string";
        if (v instanceof Boolean) return "boolean";
        if (v instanceof Long) return "integer";
        if (v instanceof long[]) return "tuple";
        return "value";
    }

    /** A recursive-descent reader of the Python literal subset; positions in messages are character offsets. */
    private static final class Parser {
        private static final int MAX_DIGITS = 18; // every 18-digit number fits a long
        private final String file;
        private final String s;
        private int p;

        Parser(String file, String s) {
            this.file = file;
            this.s = s;
        }

        Map<String, Object> dict() throws NpyFormatException {
            skipSpace();
            expect('{');
            Map<String, Object> out = new LinkedHashMap<>();
            skipSpace();
            while (peek() != '}') {
                String key = string();
                skipSpace();
                expect(':');
                Object value = value();
                if (out.put(key, value) != null) throw error("duplicate key " + Messages.quote(key));
                skipSpace();
                if (peek() == ',') {
                    p++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            p++;
            skipSpace();
            if (p != s.length()) throw error("unexpected text after the dict");
            return out;
        }

        private Object value() throws NpyFormatException {
            skipSpace();
            char c = peek();
            if (c == '\'' || c == '"') return string();
            if (c == '(') return tuple();
            if (c == '[') {
                // NumPy writes a list only as the descr of a structured dtype (record fields).
                throw new NpyFormatException(file, "descr: structured dtypes (a list of fields) are not supported;"
                        + " expected a plain type string like '<f4'");
            }
            if (s.startsWith("True", p)) {
                p += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", p)) {
                p += 5;
                return Boolean.FALSE;
            }
            if (c == '-' || Character.isDigit(c)) return integer();
            throw error("expected a string, True, False, a number or a tuple");
        }

        private long[] tuple() throws NpyFormatException {
            expect('(');
            List<Long> items = new ArrayList<>();
            skipSpace();
            while (peek() != ')') {
                items.add(integer());
                skipSpace();
                if (peek() == ',') {
                    p++;
                    skipSpace();
                } else if (peek() != ')') {
                    throw error("expected ',' or ')' in the shape tuple");
                }
            }
            p++;
            long[] out = new long[items.size()];
            for (int i = 0; i < out.length; i++) out[i] = items.get(i);
            return out;
        }

        private long integer() throws NpyFormatException {
            int start = p;
            if (peek() == '-') p++;
            int digitsStart = p;
            while (p < s.length() && Character.isDigit(s.charAt(p)) && s.charAt(p) < 128) p++;
            int digits = p - digitsStart;
            if (digits == 0) throw error("expected an integer");
            if (digits > MAX_DIGITS) {
                p = start;
                throw error("integer with " + digits + " digits is absurdly large");
            }
            long v = Long.parseLong(s.substring(start, p));
            if (p < s.length() && s.charAt(p) == 'L') p++; // Python 2 long suffix, written by old NumPy
            return v;
        }

        private String string() throws NpyFormatException {
            char quote = peek();
            if (quote != '\'' && quote != '"') throw error("expected a quoted string");
            int start = ++p;
            while (p < s.length() && s.charAt(p) != quote) {
                if (s.charAt(p) == '\\') throw error("escape sequences are not supported in header strings");
                p++;
            }
            if (p >= s.length()) throw error("unterminated string");
            return s.substring(start, p++);
        }

        private void expect(char c) throws NpyFormatException {
            if (peek() != c) throw error("expected '" + c + "'");
            p++;
        }

        private char peek() {
            return p < s.length() ? s.charAt(p) : '\0';
        }

        private void skipSpace() {
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\n' || s.charAt(p) == '\t'
                    || s.charAt(p) == '\r')) {
                p++;
            }
        }

        private NpyFormatException error(String what) {
            String found = p >= s.length() ? "the end of the header"
                    : Messages.quote(s.substring(p, Math.min(s.length(), p + 20)).stripTrailing());
            return new NpyFormatException(file, "malformed header dict at character " + p + ": " + what
                    + ", found " + found);
        }
    }
}
