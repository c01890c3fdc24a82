package org.xai4j.engine.io.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Protocol-buffers wire-format decoding over a slice of a byte array (the encoding documented at
 * protobuf.dev/programming-guides/encoding). Every read is bounds-checked against the enclosing
 * message, so a hostile length prefix fails with a message instead of reading past it.
 */
final class ProtoReader {
    static final int VARINT = 0, FIXED64 = 1, LENGTH = 2, START_GROUP = 3, END_GROUP = 4, FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int limit;
    private final String where;

    ProtoReader(byte[] buf, int offset, int limit, String where) {
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
        this.where = where;
    }

    String where() {
        return where;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int position() {
        return pos;
    }

    OnnxFormatException error(String what) {
        return new OnnxFormatException(where + (where.endsWith(":") ? " " : ": ") + what);
    }

    /** The next field's tag: field number << 3 | wire type. */
    int readTag() throws OnnxFormatException {
        long tag = readVarint();
        if (tag <= 0 || tag > Integer.MAX_VALUE || (tag >>> 3) == 0) throw error("invalid field tag " + tag + " at byte " + pos);
        return (int) tag;
    }

    long readVarint() throws OnnxFormatException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) throw error("truncated varint at byte " + pos);
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw error("varint longer than 10 bytes at byte " + pos);
    }

    int readFixed32() throws OnnxFormatException {
        need(4, "fixed32");
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long readFixed64() throws OnnxFormatException {
        long lo = readFixed32() & 0xFFFFFFFFL, hi = readFixed32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    private void need(long n, String what) throws OnnxFormatException {
        if (n < 0 || n > limit - pos) {
            throw error("truncated " + what + ": needs " + n + " bytes, " + (limit - pos) + " remain");
        }
    }

    /** The length of a length-delimited field, checked against what remains. */
    int readLength(String what) throws OnnxFormatException {
        long n = readVarint();
        need(n, what);
        return (int) n;
    }

    /** A reader over the next length-delimited field (a nested message). */
    ProtoReader readMessage(String what) throws OnnxFormatException {
        int n = readLength(what);
        ProtoReader r = new ProtoReader(buf, pos, pos + n, where + " " + what);
        pos += n;
        return r;
    }

    String readString(String what) throws OnnxFormatException {
        int n = readLength(what);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Offset of the next length-delimited field's bytes in {@link #buffer()}; advances past them. Returns {offset, length}. */
    int[] readBytesSpan(String what) throws OnnxFormatException {
        int n = readLength(what);
        int[] span = {pos, n};
        pos += n;
        return span;
    }

    byte[] buffer() {
        return buf;
    }

    /** Skips a field of the given wire type (groups included). */
    void skip(int wireType) throws OnnxFormatException {
        switch (wireType) {
            case VARINT: readVarint(); break;
            case FIXED64: need(8, "fixed64"); pos += 8; break;
            case LENGTH: {
                // not "pos += readLength(..)": Java reads pos before the call advances it past the length
                int n = readLength("field");
                pos += n;
                break;
            }
            case FIXED32: need(4, "fixed32"); pos += 4; break;
            case START_GROUP:
                while (true) {
                    int tag = readTag();
                    if ((tag & 7) == END_GROUP) return;
                    skip(tag & 7);
                }
            default: throw error("unknown wire type " + wireType + " at byte " + pos);
        }
    }
}
