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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format (huggingface/safetensors README): an unsigned 64-bit
 * little-endian header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ..., "__metadata__": {...}}},
 * then the data buffer, each tensor little-endian and C order at [begin, end) of it.
 *
 * <p>Reading validates the header completely (see {@link SafetensorsHeader}) against the file's length
 * before allocating any tensor; errors are one-line {@link SafetensorsFormatException}s naming the file
 * and tensor. Writing sorts tensors by name, pads the header with spaces to a multiple of 8 bytes (so
 * the data is 8-byte aligned) and replaces the file atomically.
 */
public final class Safetensors {
    // The reference implementation's limit (safetensors MAX_HEADER_SIZE): refuses absurd lengths before allocating.
    private static final long MAX_HEADER_BYTES = 100_000_000L;

    private Safetensors() {}

    /** All tensors of a file, name to array, ordered by name. */
    public static Map<String, HostArray> read(Path path) throws IOException {
        String file = path.toString();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            Layout layout = readLayout(file, channel);
            List<SafetensorsHeader.Entry> entries = new ArrayList<>(layout.header.entries);
            entries.sort((a, b) -> a.name.compareTo(b.name));
            Map<String, HostArray> out = new LinkedHashMap<>();
            for (SafetensorsHeader.Entry e : entries) {
                Object data = ElementIo.read(channel, layout.dataStart + e.begin, e.dtype, (int) e.count,
                        ByteOrder.LITTLE_ENDIAN, file);
                out.put(e.name, new HostArray(e.dtype, e.shape, data));
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /** The file's {@code __metadata__} strings (empty if it has none), reading only the header. */
    public static Map<String, String> readMetadata(Path path) throws IOException {
        String file = path.toString();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return Collections.unmodifiableMap(readLayout(file, channel).header.metadata);
        }
    }

    /** Writes {@code tensors} (sorted by name) and string {@code metadata} as a safetensors file, atomically. */
    public static void write(Path path, Map<String, HostArray> tensors, Map<String, String> metadata) throws IOException {
        Map<String, HostArray> sorted = new TreeMap<>(tensors);
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) header.put(SafetensorsHeader.METADATA_KEY, new TreeMap<>(metadata));
        long offset = 0;
        for (Map.Entry<String, HostArray> e : sorted.entrySet()) {
            if (e.getKey().equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException(path + ": '" + SafetensorsHeader.METADATA_KEY
                        + "' is reserved and cannot name a tensor");
            }
            HostArray a = e.getValue();
            long bytes = (long) a.size() * a.dtype().byteSize();
            List<Object> shape = new ArrayList<>();
            for (int s : a.shape()) shape.add((long) s);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", a.dtype().safetensorsName());
            info.put("shape", shape);
            info.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), info);
            offset += bytes;
        }
        byte[] json = MiniJson.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) prefix.put((byte) ' ');
        prefix.flip();
        AtomicFiles.write(path, channel -> {
            ElementIo.writeFully(channel, prefix);
            for (HostArray a : sorted.values()) ElementIo.write(channel, a);
        });
    }

    /** The validated header and where the data buffer starts. */
    private static final class Layout {
        final SafetensorsHeader header;
        final long dataStart;

        Layout(SafetensorsHeader header, long dataStart) {
            this.header = header;
            this.dataStart = dataStart;
        }
    }

    private static Layout readLayout(String file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new SafetensorsFormatException(file, "file is " + fileSize
                    + " bytes, shorter than the 8-byte header length field");
        }
        long headerLength = ElementIo.readBytes(channel, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // headerLength < 0 is a u64 above 2^63: absurd like any other length beyond the file.
        if (headerLength < 0 || headerLength > fileSize - 8) {
            throw new SafetensorsFormatException(file, "header length field claims "
                    + Long.toUnsignedString(headerLength) + " bytes but only " + (fileSize - 8) + " bytes follow it");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(file, "header length field claims " + headerLength
                    + " bytes, more than the limit of " + MAX_HEADER_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ElementIo.readBytes(channel, 8, (int) headerLength, file)).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(file, "header: expected UTF-8 JSON, found invalid bytes");
        }
        if (!text.startsWith("{")) {
            throw new SafetensorsFormatException(file, "header: expected JSON starting with '{', found "
                    + Messages.quote(text.substring(0, Math.min(text.length(), 20))));
        }
        Object json;
        try {
            json = MiniJson.parse(text);
        } catch (MiniJson.SyntaxException e) {
            throw new SafetensorsFormatException(file, "header: " + e.getMessage());
        }
        long dataStart = 8 + headerLength;
        return new Layout(SafetensorsHeader.validate(file, json, fileSize - dataStart), dataStart);
    }
}
