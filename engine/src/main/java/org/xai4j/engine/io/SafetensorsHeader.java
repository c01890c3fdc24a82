package org.xai4j.engine.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated JSON header of a safetensors file: where each tensor's bytes lie in the data buffer, plus
 * the free-form string metadata. Validation follows the reference implementation
 * (huggingface/safetensors {@code Metadata::validate}): every tensor's byte span equals dtype size times
 * its element count, and the spans tile the data buffer exactly (no overlap, no hole, nothing left over).
 */
final class SafetensorsHeader {
    static final String METADATA_KEY = "__metadata__";

    /** One tensor's entry: its bytes are [begin, end) of the data buffer. */
    static final class Entry {
        final String name;
        final DType dtype;
        final int[] shape;
        final long count;
        final long begin;
        final long end;

        Entry(String name, DType dtype, int[] shape, long count, long begin, long end) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.count = count;
            this.begin = begin;
            this.end = end;
        }
    }

    final List<Entry> entries; // in header order
    final Map<String, String> metadata;

    private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Validates a parsed header against a data buffer of {@code bufferLength} bytes. */
    static SafetensorsHeader validate(String file, Object json, long bufferLength) throws SafetensorsFormatException {
        if (!(json instanceof Map)) throw new SafetensorsFormatException(file, "header: expected a JSON object");
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                readMetadata(file, e.getValue(), metadata);
            } else {
                entries.add(entry(file, name, e.getValue(), bufferLength));
            }
        }
        checkTiling(file, entries, bufferLength);
        return new SafetensorsHeader(entries, metadata);
    }

    private static void readMetadata(String file, Object value, Map<String, String> out) throws SafetensorsFormatException {
        if (!(value instanceof Map)) {
            throw new SafetensorsFormatException(file, METADATA_KEY + ": expected an object of strings");
        }
        for (Map.Entry<?, ?> m : ((Map<?, ?>) value).entrySet()) {
            if (!(m.getValue() instanceof String)) {
                throw new SafetensorsFormatException(file, METADATA_KEY + " entry " + Messages.quote((String) m.getKey())
                        + ": expected a string value");
            }
            out.put((String) m.getKey(), (String) m.getValue());
        }
    }

    private static Entry entry(String file, String name, Object value, long bufferLength) throws SafetensorsFormatException {
        String where = "tensor " + Messages.quote(name);
        if (!(value instanceof Map)) throw new SafetensorsFormatException(file, where + ": expected an object");
        Map<?, ?> info = (Map<?, ?>) value;
        if (!info.keySet().equals(java.util.Set.of("dtype", "shape", "data_offsets"))) {
            throw new SafetensorsFormatException(file, where + ": expected keys dtype, shape, data_offsets, found "
                    + info.keySet());
        }
        if (!(info.get("dtype") instanceof String)) throw new SafetensorsFormatException(file, where + ": dtype must be a string");
        String dtypeName = (String) info.get("dtype");
        DType dtype = DType.fromSafetensorsName(dtypeName);
        if (dtype == null) {
            throw new SafetensorsFormatException(file, where + ": dtype " + Messages.quote(dtypeName)
                    + " is not supported (expected F32, F64, I64, I32, BOOL or U8)");
        }
        long[] dims = integers(file, where + ": shape", info.get("shape"), -1);
        long[] offsets = integers(file, where + ": data_offsets", info.get("data_offsets"), 2);
        int[] shape = new int[dims.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > HostArray.MAX_ELEMENTS) {
                throw new SafetensorsFormatException(file, where + ": axis " + i + " has " + dims[i]
                        + " elements, more than the limit of " + HostArray.MAX_ELEMENTS);
            }
            shape[i] = (int) dims[i];
        }
        for (int s : shape) {
            count = Math.min(count * s, HostArray.MAX_ELEMENTS + 1); // both factors <= 2^31: no overflow
        }
        if (count > HostArray.MAX_ELEMENTS) {
            throw new SafetensorsFormatException(file, where + ": shape " + Arrays.toString(shape)
                    + " has more than the limit of " + HostArray.MAX_ELEMENTS + " elements");
        }
        long begin = offsets[0], end = offsets[1];
        if (begin > end || end > bufferLength) {
            throw new SafetensorsFormatException(file, where + ": data_offsets [" + begin + ", " + end
                    + "] must satisfy begin <= end <= " + bufferLength + " (the data buffer's length)");
        }
        long bytes = count * dtype.byteSize();
        if (end - begin != bytes) {
            throw new SafetensorsFormatException(file, where + ": shape " + Arrays.toString(shape) + " of "
                    + dtypeName + " needs " + bytes + " bytes but data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin));
        }
        return new Entry(name, dtype, shape, count, begin, end);
    }

    /** A JSON array of non-negative integers; {@code length} -1 means any length. */
    private static long[] integers(String file, String where, Object value, int length) throws SafetensorsFormatException {
        if (!(value instanceof List)) throw new SafetensorsFormatException(file, where + ": expected an array of integers");
        List<?> list = (List<?>) value;
        if (length >= 0 && list.size() != length) {
            throw new SafetensorsFormatException(file, where + ": expected " + length + " integers, found " + list.size());
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object item = list.get(i);
            if (!(item instanceof Long) || (Long) item < 0) {
                throw new SafetensorsFormatException(file, where + ": expected non-negative integers, found "
                        + (item instanceof Long ? item.toString() : "a non-integer"));
            }
            out[i] = (Long) item;
        }
        return out;
    }

    private static void checkTiling(String file, List<Entry> entries, long bufferLength) throws SafetensorsFormatException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparingLong(e -> e.end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin < covered) {
                throw new SafetensorsFormatException(file, "tensors " + Messages.quote(previous.name) + " [" + previous.begin
                        + ", " + previous.end + "] and " + Messages.quote(e.name) + " [" + e.begin + ", " + e.end + "] overlap");
            }
            if (e.begin > covered) {
                throw new SafetensorsFormatException(file, "bytes [" + covered + ", " + e.begin
                        + ") of the data buffer belong to no tensor (expected tensors to tile the buffer)");
            }
            covered = e.end;
            previous = e;
        }
        if (covered != bufferLength) {
            throw new SafetensorsFormatException(file, "the data buffer has " + bufferLength
                    + " bytes but the tensors cover only " + covered);
        }
    }
}
