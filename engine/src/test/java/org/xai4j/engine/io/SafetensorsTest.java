package org.xai4j.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static Map<String, HostArray> sampleTensors() {
        Map<String, HostArray> t = new LinkedHashMap<>();
        t.put("weight", HostArray.ofFloat(new int[] {2, 3}, new float[] {1, -2, 3.5f, 0, Float.MIN_VALUE, -0f}));
        t.put("bias", HostArray.ofDouble(new int[] {3}, new double[] {0.1, -1e-300, 7}));
        t.put("steps", HostArray.ofLong(new int[] {}, new long[] {Long.MIN_VALUE}));
        t.put("idx", HostArray.ofInt(new int[] {2, 2}, new int[] {1, -1, 0, Integer.MAX_VALUE}));
        t.put("mask", HostArray.ofBool(new int[] {3}, new boolean[] {true, false, true}));
        t.put("empty", HostArray.ofFloat(new int[] {0, 4}, new float[0]));
        t.put("pixels", HostArray.ofUint8(new int[] {2}, new byte[] {(byte) 255, 3}));
        t.put("\u00e9t\u00e9 \"quoted\"", HostArray.ofInt(new int[] {1}, new int[] {42}));
        return t;
    }

    @Test
    void roundTripsTensorsAndMetadataSortedByName() throws IOException {
        Path p = dir.resolve("model.safetensors");
        Map<String, HostArray> tensors = sampleTensors();
        Map<String, String> metadata = Map.of("format", "pt", "note", "line1\nline2 \"q\"");
        Safetensors.write(p, tensors, metadata);
        Map<String, HostArray> back = Safetensors.read(p);
        assertEquals(tensors, back);
        List<String> sorted = new ArrayList<>(tensors.keySet());
        sorted.sort(null);
        assertEquals(sorted, List.copyOf(back.keySet()));
        assertEquals(metadata, Safetensors.readMetadata(p));
        // The header length is a multiple of 8, so the data buffer is 8-byte aligned.
        long n = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        Safetensors.write(p, Map.of(), Map.of());
        assertEquals(Map.of(), Safetensors.read(p));
        assertEquals(Map.of(), Safetensors.readMetadata(p));
    }

    /** The writer's exact bytes for a small case, laid out by hand from the format description. */
    @Test
    void writesTheDocumentedLayout() throws IOException {
        Path p = dir.resolve("x.safetensors");
        Safetensors.write(p, Map.of("x", HostArray.ofFloat(new int[] {2}, new float[] {1f, -2f})), Map.of("k", "v"));
        String json = "{\"__metadata__\":{\"k\":\"v\"},\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals(79, json.length());
        ByteBuffer expected = ByteBuffer.allocate(8 + 80 + 8).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(80).put(json.getBytes(StandardCharsets.UTF_8)).put((byte) ' ');
        expected.put(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0}); // 1.0f, -2.0f little-endian
        assertArrayEquals(expected.array(), Files.readAllBytes(p));
    }

    /** A file written by hand: header keys out of order, spaces, data not in name order, trailing padding. */
    @Test
    void readsAHandMadeFile() throws IOException {
        String json = "{\"b\": {\"dtype\": \"I32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + " \"a\": {\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[8,16]},"
                + " \"__metadata__\": {\"format\": \"pt\"}}    ";
        byte[] data = {7, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0};
        Path p = write("hand.safetensors", json, data);
        Map<String, HostArray> t = Safetensors.read(p);
        assertEquals(List.of("a", "b"), List.copyOf(t.keySet()));
        assertEquals(DType.FLOAT32, t.get("a").dtype());
        assertArrayEquals(new int[] {1, 2}, t.get("a").shape());
        assertArrayEquals(new float[] {1f, -2f}, t.get("a").toFloatArray());
        assertArrayEquals(new int[] {7, -1}, t.get("b").toIntArray());
        assertEquals(Map.of("format", "pt"), Safetensors.readMetadata(p));
    }

    @Test
    void corruptHeadersAreRefusedWithOneLineMessages() throws IOException {
        String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        String[][] cases = {
            {"[1]", "header: expected JSON starting with '{', found '[1]'"},
            {"x", "header: expected JSON starting with '{', found 'x'"},
            {"{\"a\":", "header: JSON at character 5: expected an object, array, string or integer, found the end of the text"},
            {"{" + a.replace("F32", "F16") + "}", "tensor 'a': dtype 'F16' is not supported (expected F32, F64, I64, I32, BOOL or U8)"},
            {"{" + a.replace("[2]", "[3]") + "}", "tensor 'a': shape [3] of F32 needs 12 bytes but data_offsets [0, 8] span 8"},
            {"{" + a.replace("[0,8]", "[0,16]") + "}", "tensor 'a': data_offsets [0, 16] must satisfy begin <= end <= 8 (the data buffer's length)"},
            {"{" + a.replace("[0,8]", "[8,0]") + "}", "tensor 'a': data_offsets [8, 0] must satisfy begin <= end <= 8 (the data buffer's length)"},
            {"{" + a.replace("[2]", "[-2]") + "}", "tensor 'a': shape: expected non-negative integers, found -2"},
            {"{" + a.replace("[0,8]", "[0]") + "}", "tensor 'a': data_offsets: expected 2 integers, found 1"},
            {"{" + a.replace("[2]", "[4294967296,4294967296]") + "}", "tensor 'a': axis 0 has 4294967296 elements, more than the limit of 2147483639"},
            {"{" + a.replace("[2]", "[65536,65536]") + "}", "tensor 'a': shape [65536, 65536] has more than the limit of 2147483639 elements"},
            {"{" + a.replace("\"shape\"", "\"shapes\"") + "}", "tensor 'a': expected keys dtype, shape, data_offsets, found [dtype, shapes, data_offsets]"},
            {"{" + a.replace("[0,8]", "[0,4]").replace("[2]", "[1]") + "}", "the data buffer has 8 bytes but the tensors cover only 4"},
            {"{" + a.replace("[0,8]", "[4,8]").replace("[2]", "[1]") + "}", "bytes [0, 4) of the data buffer belong to no tensor (expected tensors to tile the buffer)"},
            {"{" + a.replace("[0,8]", "[0,8]") + "," + a.replace("\"a\"", "\"b\"").replace("[0,8]", "[4,12]") + "}",
                "tensor 'b': data_offsets [4, 12] must satisfy begin <= end <= 8 (the data buffer's length)"},
            {"{" + a + "," + a + "}", "header: JSON at character 54: duplicate key 'a', found '\"a\":{\"dtype\":\"F32\",\"'"},
            {"{" + a + ",\"__metadata__\":{\"k\":1}}", "__metadata__ entry 'k': expected a string value"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"c\":{\"dtype\":\"BOOL\",\"shape\":[0],\"data_offsets\":[8,8]}}",
                "tensors 'a' [0, 4] and 'b' [0, 4] overlap"},
        };
        for (String[] c : cases) {
            Path p = write("bad.safetensors", c[0], new byte[8]);
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(p), c[0]);
            assertEquals(p + ": " + c[1], e.getMessage(), c[0]);
        }
    }

    @Test
    void corruptFramingIsRefusedBeforeAllocating() throws IOException {
        Path p = dir.resolve("frame.safetensors");
        Files.write(p, new byte[5]);
        assertEquals(p + ": file is 5 bytes, shorter than the 8-byte header length field",
                assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(p)).getMessage());
        byte[] huge = new byte[16];
        java.util.Arrays.fill(huge, 0, 8, (byte) 0xFF);
        Files.write(p, huge);
        assertEquals(p + ": header length field claims 18446744073709551615 bytes but only 8 bytes follow it",
                assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(p)).getMessage());
        Path bad = write("utf.safetensors", "{\"\u00ff\":1}", new byte[0]);
        byte[] bytes = Files.readAllBytes(bad);
        bytes[10] = (byte) 0xC3; // a UTF-8 lead byte followed by a non-continuation byte
        bytes[11] = (byte) 0x28;
        Files.write(bad, bytes);
        assertEquals(bad + ": header: expected UTF-8 JSON, found invalid bytes",
                assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(bad)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(p,
                Map.of("__metadata__", HostArray.ofInt(new int[] {1}, new int[] {1})), Map.of()));
    }

    @Test
    void mutatedFilesAreReadOrRefusedCleanly() throws IOException {
        Path p = dir.resolve("valid.safetensors");
        List<Mutations.Mutant> mutants = new ArrayList<>();
        Safetensors.write(p, sampleTensors(), Map.of("format", "pt"));
        byte[] first = Files.readAllBytes(p);
        mutants.addAll(Mutations.of("sample", first, dataStart(first), 0, 8, 101));
        float[] ramp = new float[64];
        for (int i = 0; i < ramp.length; i++) ramp[i] = i * 0.5f;
        Safetensors.write(p, Map.of("w", HostArray.ofFloat(new int[] {8, 8}, ramp),
                "b", HostArray.ofLong(new int[] {2}, new long[] {3, -3})), Map.of());
        byte[] second = Files.readAllBytes(p);
        mutants.addAll(Mutations.of("ramp", second, dataStart(second), 0, 8, 102));
        int[] outcome = Mutations.check(dir, mutants, Safetensors::read, SafetensorsFormatException.class);
        assertTrue(mutants.size() >= 150, "only " + mutants.size() + " mutants");
        assertTrue(outcome[1] > mutants.size() / 2, outcome[0] + " read, " + outcome[1] + " refused");
    }

    private static int dataStart(byte[] file) {
        return (int) (8 + ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    private Path write(String name, String json, byte[] data) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }
}
