package org.xai4j.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private HostArray roundTrip(HostArray a) throws IOException {
        Path p = dir.resolve("a.npy");
        Npy.write(p, a);
        HostArray back = Npy.read(p);
        assertEquals(a, back);
        assertEquals(a.dtype(), back.dtype());
        assertArrayEquals(a.shape(), back.shape());
        return back;
    }

    @Test
    void roundTripsEveryDtypeAndShape() throws IOException {
        List<int[]> shapes = List.of(new int[] {}, new int[] {0}, new int[] {0, 3}, new int[] {5}, new int[] {2, 3, 4});
        for (int[] shape : shapes) {
            int n = (int) HostArray.elementCount(shape);
            float[] f = new float[n];
            double[] d = new double[n];
            long[] l = new long[n];
            int[] i = new int[n];
            boolean[] b = new boolean[n];
            byte[] u = new byte[n];
            for (int k = 0; k < n; k++) {
                f[k] = k * 0.25f - 1.5f;
                d[k] = Math.scalb(k - 7.0, 900 - 3 * k);
                l[k] = (k % 2 == 0 ? 1 : -1) * (1L << (k * 2 + 3));
                i[k] = Integer.MIN_VALUE + 12345 * k;
                b[k] = k % 3 == 1;
                u[k] = (byte) (k * 37);
            }
            assertArrayEquals(f, roundTrip(HostArray.ofFloat(shape, f)).toFloatArray());
            assertArrayEquals(d, roundTrip(HostArray.ofDouble(shape, d)).toDoubleArray());
            assertArrayEquals(l, roundTrip(HostArray.ofLong(shape, l)).toLongArray());
            assertArrayEquals(i, roundTrip(HostArray.ofInt(shape, i)).toIntArray());
            assertArrayEquals(b, roundTrip(HostArray.ofBool(shape, b)).toBooleanArray());
            assertEquals(HostArray.ofUint8(shape, u), roundTrip(HostArray.ofUint8(shape, u)));
        }
        // Special float values survive bit-for-bit.
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE};
        float[] back = roundTrip(HostArray.ofFloat(new int[] {5}, special)).toFloatArray();
        for (int k = 0; k < 5; k++) assertEquals(Float.floatToRawIntBits(special[k]), Float.floatToRawIntBits(back[k]));
    }

    @Test
    void readsFilesWrittenByNumpy() throws IOException {
        HostArray f4 = Npy.read(resource("f4_2x3.npy"));
        assertEquals(DType.FLOAT32, f4.dtype());
        assertArrayEquals(new int[] {2, 3}, f4.shape());
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, f4.toFloatArray());
        assertArrayEquals(new double[] {1.5, -2.25, 1e300}, Npy.read(resource("f8_3.npy")).toDoubleArray());
        HostArray i8 = Npy.read(resource("i8_2x2.npy"));
        assertArrayEquals(new long[] {1, -2, 1L << 40, -(1L << 62)}, i8.toLongArray());
        assertArrayEquals(new int[] {2, 2}, i8.shape());
        assertArrayEquals(new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}, Npy.read(resource("i4_4.npy")).toIntArray());
        assertArrayEquals(new boolean[] {true, false, true, true, false}, Npy.read(resource("b1_5.npy")).toBooleanArray());
        HostArray u1 = Npy.read(resource("u1_3.npy"));
        assertEquals(DType.UINT8, u1.dtype());
        assertArrayEquals(new int[] {0, 128, 255}, u1.toIntArray());
        HostArray scalar = Npy.read(resource("f4_scalar.npy"));
        assertEquals(0, scalar.rank());
        assertArrayEquals(new float[] {3.25f}, scalar.toFloatArray());
        HostArray empty = Npy.read(resource("f4_empty_0x3.npy"));
        assertArrayEquals(new int[] {0, 3}, empty.shape());
        assertEquals(0, empty.size());
    }

    @Test
    void readsBigEndianAndLaterFormatVersions() throws IOException {
        assertArrayEquals(new float[] {1.0f, -3.5f}, Npy.read(resource("f4_big_endian_2.npy")).toFloatArray());
        assertArrayEquals(new long[] {1, -2, (1L << 50) + 3}, Npy.read(resource("i8_big_endian_3.npy")).toLongArray());
        double[] expected = new double[12];
        for (int k = 0; k < 12; k++) expected[k] = -1 + k * (2.0 / 11);
        for (String name : new String[] {"f8_3x4_v2.npy", "f8_3x4_v3.npy"}) {
            HostArray a = Npy.read(resource(name));
            assertArrayEquals(new int[] {3, 4}, a.shape());
            assertArrayEquals(expected, a.toDoubleArray(), 1e-15, name);
        }
    }

    /** Our writer produces exactly NumPy's bytes (same header text, 64-byte alignment, newline). */
    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        for (String name : new String[] {"f4_2x3.npy", "f8_3.npy", "i8_2x2.npy", "i4_4.npy", "b1_5.npy", "u1_3.npy",
                "f4_scalar.npy", "f4_empty_0x3.npy"}) {
            Path out = dir.resolve(name);
            Npy.write(out, Npy.read(resource(name)));
            assertArrayEquals(Files.readAllBytes(resource(name)), Files.readAllBytes(out), name);
        }
    }

    @Test
    void writesFormat2WhenTheHeaderNeedsIt() throws IOException {
        int[] shape = new int[23_000];
        Arrays.fill(shape, 1);
        shape[7] = 2;
        HostArray a = HostArray.ofInt(shape, new int[] {4, -4});
        Path p = dir.resolve("wide.npy");
        Npy.write(p, a);
        byte[] bytes = Files.readAllBytes(p);
        assertEquals(2, bytes[6], "major version");
        assertEquals(0, (ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() + 12) % 64);
        assertEquals(a, Npy.read(p));
    }

    @Test
    void fortranOrderIsRefusedWithAClearMessage() {
        Path p = resource("f4_fortran_2x3.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertEquals(p + ": Fortran-order arrays are not supported; save with np.ascontiguousarray", e.getMessage());
    }

    /** With one axis longer than 1, Fortran order is the same bytes as C order, so it reads. */
    @Test
    void fortranOrderWithOneLongAxisIsRead() throws IOException {
        Path p = dir.resolve("f.npy");
        Files.write(p, npyBytes("{'descr': '<i4', 'fortran_order': True, 'shape': (1, 3), }", le(12, 7, 8, 9)));
        assertArrayEquals(new int[] {7, 8, 9}, Npy.read(p).toIntArray());
    }

    @Test
    void structuredDtypesAreRefused() {
        Path p = resource("structured.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertEquals(p + ": descr: structured dtypes (a list of fields) are not supported; expected a plain type"
                + " string like '<f4'", e.getMessage());
    }

    @Test
    void shortDataIsReportedWithBothCounts() throws IOException {
        Path p = dir.resolve("short.npy");
        Npy.write(p, HostArray.ofFloat(new int[] {3, 4}, new float[12]));
        byte[] full = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(full, full.length - 8));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertEquals(p + ": header claims 12 float32 values (48 bytes) but only 40 bytes follow", e.getMessage());
        Files.write(p, Arrays.copyOf(full, full.length + 4));
        e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
        assertEquals(p + ": header claims 12 float32 values (48 bytes) but 52 bytes follow", e.getMessage());
    }

    @Test
    void absurdShapesFailBeforeAllocating() throws IOException {
        String[][] cases = {
            {"(1000000000000,)", "shape: axis 0 has 1000000000000 elements, more than the limit of 2147483639"},
            {"(100000, 100000)", "shape [100000, 100000] has more than the limit of 2147483639 elements"},
            {"(536870912,)", "header claims 536870912 float32 values (2147483648 bytes) but only 8 bytes follow"},
            {"(-1, 2)", "shape: expected sizes >= 0, found -1 on axis 0"},
            {"(99999999999999999999999,)", "malformed header dict at character 51: integer with 23 digits"
                    + " is absurdly large, found '99999999999999999999'"},
        };
        for (String[] c : cases) {
            Path p = dir.resolve("absurd.npy");
            Files.write(p, npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': " + c[0] + ", }", new byte[8]));
            long before = AllocationMeter.bytes();
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p), c[0]);
            long allocated = AllocationMeter.bytes() - before;
            assertTrue(allocated < (16 << 20), c[0] + ": refused only after allocating " + allocated + " bytes");
            assertEquals(p + ": " + c[1], e.getMessage(), c[0]);
        }
    }

    @Test
    void badMagicVersionAndHeaderLengthAreNamed() throws IOException {
        Path p = dir.resolve("bad.npy");
        Files.write(p, "PK\u0003\u0004 this is a zip".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(p + ": not a .npy file: expected magic bytes 93 4e 55 4d 50 59 (\\x93NUMPY), found 50 4b 03 04 20 74",
                assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage());
        Files.write(p, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P'});
        assertEquals(p + ": file is 5 bytes, shorter than the 10-byte .npy preamble (magic, version, header length)",
                assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage());
        byte[] good = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]);
        byte[] v4 = good.clone();
        v4[6] = 4;
        Files.write(p, v4);
        assertEquals(p + ": format version: expected 1.0, 2.0 or 3.0, found 4.0",
                assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage());
        byte[] longHeader = good.clone();
        longHeader[8] = (byte) 0xFF;
        longHeader[9] = (byte) 0xFF;
        Files.write(p, longHeader);
        assertEquals(p + ": header length field claims 65535 bytes but only 126 bytes follow the preamble",
                assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage());
        Files.write(p, npyBytes("{'descr': '<f4', 'fortran_order': False}", new byte[0]));
        assertEquals(p + ": header keys: expected descr, fortran_order, shape, found descr, fortran_order",
                assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage());
        Files.write(p, npyBytes("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", new byte[4]));
        assertEquals(p + ": descr: expected one of '<f4', '<f8', '<i8', '<i4', '|b1', '|u1' (or '>' byte order), found '<f2'",
                assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage());
        Files.write(p, npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n\u0007", new byte[8]));
        assertEquals(p + ": malformed header dict at character 58: unexpected text after the dict, found '?'",
                assertThrows(NpyFormatException.class, () -> Npy.read(p)).getMessage());
    }

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path p = dir.resolve("keep.npy");
        HostArray old = HostArray.ofFloat(new int[] {2}, new float[] {1, 2});
        Npy.write(p, old);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(p, channel -> {
            channel.write(ByteBuffer.wrap(new byte[100]));
            throw new IOException("disk full (simulated)");
        }));
        assertEquals(p + ": cannot write (disk full (simulated))", e.getMessage());
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(p, channel -> {
            throw new IllegalStateException("bug in a writer");
        }));
        assertEquals(old, Npy.read(p));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.collect(java.util.stream.Collectors.toList()));
        }
        Path missing = dir.resolve("no-such-dir").resolve("x.npy");
        IOException noDir = assertThrows(IOException.class, () -> Npy.write(missing, old));
        assertTrue(noDir.getMessage().startsWith(missing + ": cannot write ("), noDir.getMessage());
        assertFalse(noDir.getMessage().contains(".tmp"), noDir.getMessage());
        assertFalse(Files.exists(missing));
        // Replacing an existing file works and gives the new content.
        HostArray next = HostArray.ofLong(new int[] {1}, new long[] {9});
        Npy.write(p, next);
        assertEquals(next, Npy.read(p));
    }

    @Test
    void anExistingTargetThatIsNotARegularFileIsNeverReplaced() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("a-folder.npy"));
        IOException e = assertThrows(IOException.class, () -> Npy.write(folder, HostArray.ofFloat(new int[] {1}, new float[] {1})));
        assertEquals(folder + ": exists and is not a regular file; not replaced", e.getMessage());
        assertTrue(Files.isDirectory(folder));
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            IOException d = assertThrows(IOException.class, () -> Npy.write(devNull, HostArray.ofFloat(new int[] {1}, new float[] {1})));
            assertEquals("/dev/null: exists and is not a regular file; not replaced", d.getMessage());
            assertFalse(Files.isRegularFile(devNull));
        }
    }

    /** A version 1.0 file with this header dict (padded as NumPy does) and data. */
    static byte[] npyBytes(String dict, byte[] data) {
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) (total - 10));
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < total - 1) b.put((byte) ' ');
        b.put((byte) '\n').put(data);
        return b.array();
    }

    private static byte[] le(int bytes, int... values) {
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        return b.array();
    }
}
