package org.xai4j.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes NumPy .npy files (format versions 1.0, 2.0 and 3.0, NumPy NEP 1 and
 * {@code numpy/lib/format.py}): a 6-byte magic {@code \x93NUMPY}, a version, a little-endian header
 * length (2 bytes in 1.0, 4 bytes later), a Python-literal header dict, then the raw C-order elements.
 *
 * <p>Reading checks everything the header claims against the file's real length before allocating,
 * so a corrupt or hostile file fails with a one-line {@link NpyFormatException} instead of an
 * OutOfMemoryError. Writing is atomic (see {@link AtomicFiles}).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    // NumPy pads the header so the data starts on a 64-byte boundary (format.py ARRAY_ALIGN).
    private static final int ALIGN = 64;
    // Far above any real header (NumPy itself refuses more than 10000 bytes by default), so a corrupt
    // length never makes us allocate much.
    private static final long MAX_HEADER_BYTES = 1 << 20;

    private Npy() {}

    /** The array stored in a .npy file. */
    public static HostArray read(Path path) throws IOException {
        String file = path.toString();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 10) {
                throw new NpyFormatException(file, "file is " + fileSize
                        + " bytes, shorter than the 10-byte .npy preamble (magic, version, header length)");
            }
            ByteBuffer preamble = ElementIo.readBytes(channel, 0, (int) Math.min(12, fileSize), file).order(ByteOrder.LITTLE_ENDIAN);
            byte[] start = new byte[6];
            preamble.get(start);
            if (!java.util.Arrays.equals(start, MAGIC)) {
                throw new NpyFormatException(file, "not a .npy file: expected magic bytes 93 4e 55 4d 50 59 (\\x93NUMPY),"
                        + " found " + Messages.hex(start, 0, 6));
            }
            int major = preamble.get() & 0xFF, minor = preamble.get() & 0xFF;
            long headerLength;
            int headerStart;
            if (major == 1 && minor == 0) {
                headerLength = preamble.getShort() & 0xFFFF;
                headerStart = 10;
            } else if ((major == 2 || major == 3) && minor == 0) {
                if (fileSize < 12) {
                    throw new NpyFormatException(file, "file is " + fileSize + " bytes, shorter than the 12-byte"
                            + " preamble of format version " + major + ".0");
                }
                headerLength = preamble.getInt() & 0xFFFFFFFFL;
                headerStart = 12;
            } else {
                throw new NpyFormatException(file, "format version: expected 1.0, 2.0 or 3.0, found " + major + "." + minor);
            }
            if (headerLength > fileSize - headerStart) {
                throw new NpyFormatException(file, "header length field claims " + headerLength
                        + " bytes but only " + (fileSize - headerStart) + " bytes follow the preamble");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new NpyFormatException(file, "header length field claims " + headerLength
                        + " bytes, more than the limit of " + MAX_HEADER_BYTES);
            }
            String text = decodeHeader(file, ElementIo.readBytes(channel, headerStart, (int) headerLength, file), major);
            NpyHeader header = NpyHeader.parse(file, text);
            if (header.fortranOrder && !sameAsCOrder(header.shape)) {
                throw new NpyFormatException(file, "Fortran-order arrays are not supported; save with np.ascontiguousarray");
            }
            long dataStart = headerStart + headerLength;
            long claimed = header.count * header.dtype.byteSize();
            long follows = fileSize - dataStart;
            if (claimed != follows) {
                throw new NpyFormatException(file, "header claims " + header.count + " " + header.dtype.numpyName()
                        + " values (" + claimed + " bytes) but " + (follows < claimed ? "only " : "") + follows
                        + " bytes follow");
            }
            Object data = ElementIo.read(channel, dataStart, header.dtype, (int) header.count, header.order, file);
            return new HostArray(header.dtype, header.shape, data);
        }
    }

    /**
     * Writes {@code array} as a .npy file, format 1.0 (2.0 if the header exceeds 65535 bytes), C order,
     * little-endian, replacing {@code path} atomically.
     */
    public static void write(Path path, HostArray array) throws IOException {
        byte[] prefix = headerBytes(array.dtype(), array.shape());
        AtomicFiles.write(path, channel -> {
            ElementIo.writeFully(channel, ByteBuffer.wrap(prefix));
            ElementIo.write(channel, array);
        });
    }

    /** Magic, version, header length and the padded header: everything before the data. */
    static byte[] headerBytes(DType dtype, int[] shape) {
        String dict = NpyHeader.format(dtype, shape);
        for (int version = 1; version <= 2; version++) {
            int preamble = version == 1 ? 10 : 12;
            // Pad with spaces and end with '\n' so that preamble + header is a multiple of ALIGN.
            int total = (preamble + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
            int headerLength = total - preamble;
            if (version == 1 && headerLength > 0xFFFF) continue;
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).put((byte) version).put((byte) 0);
            if (version == 1) b.putShort((short) headerLength);
            else b.putInt(headerLength);
            b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
            while (b.position() < total - 1) b.put((byte) ' ');
            b.put((byte) '\n');
            return b.array();
        }
        throw new AssertionError("a header of " + dict.length() + " characters fits format 2.0");
    }

    // With at most one axis longer than 1, Fortran and C order lay the bytes out identically.
    private static boolean sameAsCOrder(int[] shape) {
        int longAxes = 0;
        for (int s : shape) if (s > 1) longAxes++;
        return longAxes <= 1;
    }

    private static String decodeHeader(String file, ByteBuffer bytes, int major) throws NpyFormatException {
        if (major < 3) return StandardCharsets.ISO_8859_1.decode(bytes).toString(); // 1.0 and 2.0 are latin-1
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(file, "format 3.0 header: expected UTF-8 text, found invalid bytes");
        }
    }
}
