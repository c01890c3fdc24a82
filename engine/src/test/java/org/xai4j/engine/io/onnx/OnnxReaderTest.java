package org.xai4j.engine.io.onnx;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.xai4j.engine.io.AllocationMeter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader against facts read off the same files with the onnx Python package (1.13). */
class OnnxReaderTest {
    static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxReaderTest.class.getResourceAsStream("/onnx/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, Integer> opCounts(OnnxGraph g) {
        Map<String, Integer> m = new TreeMap<>();
        for (OnnxNode n : g.nodes()) m.merge(n.opType(), 1, Integer::sum);
        return m;
    }

    @Test
    void readsTheCaptumModels() throws IOException {
        OnnxModel iris = OnnxReader.read(resource("iris_mlp.onnx"), "iris_mlp.onnx");
        assertEquals(13, iris.opset());
        assertEquals(Map.of("Gemm", 3, "Relu", 2), opCounts(iris.graph()));
        OnnxTensor w0 = iris.graph().initializers().get(0);
        assertEquals("net.0.weight", w0.name());
        assertArrayEquals(new long[] {16, 4}, w0.dims());
        assertEquals(0.17210394144058228f, w0.toFloats()[0]);
        OnnxValueInfo in = iris.graph().inputs().get(0);
        assertEquals("input", in.name());
        assertEquals("[batch,4]", in.shapeString());

        OnnxModel dna = OnnxReader.read(resource("dna_cnn.onnx"), "dna_cnn.onnx");
        assertEquals(Map.of("Conv", 2, "Flatten", 1, "Gemm", 1, "MaxPool", 2, "Relu", 2, "Sigmoid", 1), opCounts(dna.graph()));
        OnnxTensor c1 = dna.graph().initializers().stream().filter(t -> t.name().equals("c1.weight")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {16, 4, 9}, c1.dims());
        assertEquals(0.05783091485500336f, c1.toFloats()[0]);
        OnnxNode conv = dna.graph().nodes().stream().filter(n -> n.opType().equals("Conv")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {9}, conv.attrInts("kernel_shape"));

        OnnxModel img = OnnxReader.read(resource("image_cnn.onnx"), "image_cnn.onnx");
        assertEquals(Map.of("Conv", 2, "Flatten", 1, "Gemm", 1, "GlobalAveragePool", 1, "MaxPool", 1, "Relu", 2), opCounts(img.graph()));
        OnnxModel mc = OnnxReader.read(resource("mc_dropout_mlp.onnx"), "mc_dropout_mlp.onnx");
        assertEquals(Map.of("Constant", 4, "Dropout", 2, "Gemm", 3, "Relu", 2), opCounts(mc.graph()));
        for (OnnxModel m : List.of(iris, dna, img, mc)) {
            assertEquals(m.graph().nodes().size(), OnnxGraphValidator.check(m.graph(), m.source()).size());
        }
    }

    // ---- a tiny protobuf writer for hand-built graphs --------------------------------------------
    static final class Pb {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pb varint(int field, long v) { tag(field, 0); raw(v); return this; }
        Pb bytes(int field, byte[] b) { tag(field, 2); raw(b.length); out.writeBytes(b); return this; }
        Pb str(int field, String s) { return bytes(field, s.getBytes(StandardCharsets.UTF_8)); }
        Pb msg(int field, Pb m) { return bytes(field, m.out.toByteArray()); }
        void tag(int field, int wire) { raw((long) field << 3 | wire); }
        void raw(long v) {
            while ((v & ~0x7FL) != 0) { out.write((int) (v & 0x7F) | 0x80); v >>>= 7; }
            out.write((int) v);
        }
        byte[] bytes() { return out.toByteArray(); }
    }

    static Pb node(String op, String name, String[] in, String[] out) {
        Pb n = new Pb();
        for (String s : in) n.str(1, s);
        for (String s : out) n.str(2, s);
        return n.str(3, name).str(4, op);
    }

    static Pb valueInfo(String name) {
        return new Pb().str(1, name);
    }

    static byte[] model(Pb graph) {
        return new Pb().varint(1, 8).msg(8, new Pb().str(1, "").varint(2, 13)).msg(7, graph).bytes();
    }

    @Test
    void cyclesAndDanglingInputsAreRefusedByName() throws IOException {
        Pb cyc = new Pb().msg(1, node("Relu", "a", new String[] {"y"}, new String[] {"x1"}))
                .msg(1, node("Relu", "b", new String[] {"x1"}, new String[] {"y"}))
                .msg(11, valueInfo("input")).msg(12, valueInfo("y"));
        OnnxModel m = OnnxReader.read(model(cyc), "cycle.onnx");
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxGraphValidator.check(m.graph(), "cycle.onnx"));
        assertTrue(e.getMessage().startsWith("cycle.onnx: the graph has a cycle through node 'a' (Relu)"), e.getMessage());

        Pb dang = new Pb().msg(1, node("Relu", "r", new String[] {"ghost"}, new String[] {"y"}))
                .msg(11, valueInfo("input")).msg(12, valueInfo("y"));
        OnnxModel d = OnnxReader.read(model(dang), "dangling.onnx");
        e = assertThrows(OnnxFormatException.class, () -> OnnxGraphValidator.check(d.graph(), "dangling.onnx"));
        assertEquals("dangling.onnx: dangling input 'ghost' of node 'r' (Relu): not produced by any node, initializer or graph input", e.getMessage());
    }

    @Test
    void outOfOrderNodesAreSorted() throws IOException {
        Pb g = new Pb().msg(1, node("Relu", "second", new String[] {"h"}, new String[] {"y"}))
                .msg(1, node("Neg", "first", new String[] {"input"}, new String[] {"h"}))
                .msg(11, valueInfo("input")).msg(12, valueInfo("y"));
        OnnxModel m = OnnxReader.read(model(g), "order.onnx");
        List<OnnxNode> order = OnnxGraphValidator.check(m.graph(), "order.onnx");
        assertEquals("first", order.get(0).name());
    }

    @Test
    void aTensorClaimingATrillionElementsIsRefusedBeforeAllocating() {
        Pb t = new Pb().varint(1, 1_000_000).varint(1, 1_000_000).varint(2, 1).str(8, "huge").bytes(9, new byte[16]);
        Pb g = new Pb().msg(5, t).msg(11, valueInfo("input"));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(model(g), "huge.onnx"));
        assertTrue(e.getMessage().contains("huge") && e.getMessage().contains("claim more than"), e.getMessage());
        Pb t2 = new Pb().varint(1, 3).varint(2, 1).str(8, "short").bytes(9, new byte[8]);
        e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(model(new Pb().msg(5, t2)), "short.onnx"));
        assertTrue(e.getMessage().contains("need 12 bytes of raw_data, found 8"), e.getMessage());
    }

    @Test
    void mutatedFilesEitherParseOrFailWithOneLine() throws IOException {
        Random r = new Random(11);
        int failures = 0, parsed = 0;
        for (String name : List.of("iris_mlp.onnx", "dna_cnn.onnx", "image_cnn.onnx")) {
            byte[] good = resource(name);
            for (int k = 0; k < 150; k++) {
                byte[] b;
                if (k < 50) {
                    b = java.util.Arrays.copyOf(good, good.length * k / 50);
                } else if (k < 100) {
                    b = good.clone();
                    for (int f = 0; f < 1 + k % 4; f++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                } else {
                    b = good.clone();
                    int at = r.nextInt(b.length - 10);
                    for (int f = 0; f < 10; f++) b[at + f] = (byte) (f < 9 ? 0xFF : 0x01); // a huge varint
                }
                long before = AllocationMeter.bytes();
                try {
                    OnnxModel m = OnnxReader.read(b, name);
                    OnnxGraphValidator.check(m.graph(), name);
                    parsed++;
                } catch (OnnxFormatException e) {
                    failures++;
                    assertFalse(e.getMessage().contains("\n"));
                    assertTrue(e.getMessage().startsWith(name + ":"), e.getMessage());
                }
                // A claimed length is checked against what remains before anything is allocated for it.
                long allocated = AllocationMeter.bytes() - before;
                assertTrue(allocated < 16L * b.length + (16 << 20), "case " + k + " allocated " + allocated + " bytes");
            }
        }
        assertTrue(failures > 100, "most mutations must be caught, got " + failures + " of " + (failures + parsed));
    }
}
