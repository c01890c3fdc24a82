package org.xai4j.engine.io.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ONNX models and bare TensorProto files with a hand-written protobuf decoder: no generated
 * classes and no dependency, and every length in the file is checked before it is trusted.
 * Field numbers are those of onnx.proto (ONNX 1.13).
 */
public final class OnnxReader {
    /** Largest model file read (protobuf itself cannot exceed 2 GiB). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private OnnxReader() {}

    public static OnnxModel read(Path path) throws IOException {
        return read(readFile(path), path.getFileName().toString());
    }

    public static OnnxModel read(byte[] bytes, String source) throws OnnxFormatException {
        ProtoReader r = new ProtoReader(bytes, 0, bytes.length, source + ":");
        long ir = 0;
        Map<String, Long> opsets = new LinkedHashMap<>();
        String producer = "", producerVersion = "";
        OnnxGraph graph = null;
        try {
            while (r.hasMore()) {
                int tag = r.readTag(), field = tag >>> 3, wire = tag & 7;
                if (field == 1 && wire == ProtoReader.VARINT) ir = r.readVarint();
                else if (field == 2 && wire == ProtoReader.LENGTH) producer = r.readString("producer_name");
                else if (field == 3 && wire == ProtoReader.LENGTH) producerVersion = r.readString("producer_version");
                else if (field == 7 && wire == ProtoReader.LENGTH) graph = readGraph(r.readMessage("graph"), 0);
                else if (field == 8 && wire == ProtoReader.LENGTH) readOpset(r.readMessage("opset_import"), opsets);
                else r.skip(wire);
            }
        } catch (RuntimeException e) {
            throw new OnnxFormatException(source + ": malformed protobuf (" + e.getClass().getSimpleName() + ")");
        }
        if (graph == null) throw new OnnxFormatException(source + ": no graph in the file (is it an ONNX model?)");
        return new OnnxModel(ir, opsets, producer, producerVersion, graph, source);
    }

    /** Reads a bare TensorProto (ONNX backend test data: test_data_set_0/input_0.pb). */
    public static OnnxTensor readTensor(Path path) throws IOException {
        byte[] b = readFile(path);
        try {
            return TensorDecoder.decode(new ProtoReader(b, 0, b.length, path.getFileName() + ":"));
        } catch (RuntimeException e) {
            throw new OnnxFormatException(path.getFileName() + ": malformed TensorProto (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] readFile(Path path) throws IOException {
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) throw new OnnxFormatException(path.getFileName() + ": " + size + " bytes is larger than the 2 GB an ONNX file can hold");
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
    }

    private static void readOpset(ProtoReader r, Map<String, Long> opsets) throws OnnxFormatException {
        String domain = "";
        long version = 0;
        while (r.hasMore()) {
            int tag = r.readTag(), field = tag >>> 3, wire = tag & 7;
            if (field == 1 && wire == ProtoReader.LENGTH) domain = r.readString("domain");
            else if (field == 2 && wire == ProtoReader.VARINT) version = r.readVarint();
            else r.skip(wire);
        }
        if (opsets.containsKey(domain)) throw r.error("two opset_import entries for domain '" + domain + "'");
        opsets.put(domain, version);
    }

    static OnnxGraph readGraph(ProtoReader r, int depth) throws OnnxFormatException {
        if (depth > 32) throw r.error("subgraphs nested more than 32 deep");
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        List<OnnxTensor> inits = new ArrayList<>();
        List<OnnxValueInfo> inputs = new ArrayList<>(), outputs = new ArrayList<>(), infos = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag(), field = tag >>> 3, wire = tag & 7;
            if (wire != ProtoReader.LENGTH) { r.skip(wire); continue; }
            switch (field) {
                case 1: nodes.add(readNode(r.readMessage("node #" + nodes.size()), depth)); break;
                case 2: name = r.readString("graph name"); break;
                case 5: inits.add(TensorDecoder.decode(r.readMessage("initializer"))); break;
                case 11: inputs.add(readValueInfo(r.readMessage("input"))); break;
                case 12: outputs.add(readValueInfo(r.readMessage("output"))); break;
                case 13: infos.add(readValueInfo(r.readMessage("value_info"))); break;
                default: r.skip(wire);
            }
        }
        return new OnnxGraph(name, nodes, inits, inputs, outputs, infos);
    }

    private static OnnxNode readNode(ProtoReader r, int depth) throws OnnxFormatException {
        List<String> in = new ArrayList<>(), out = new ArrayList<>();
        String name = "", op = "", domain = "";
        Map<String, OnnxAttribute> attrs = new LinkedHashMap<>();
        while (r.hasMore()) {
            int tag = r.readTag(), field = tag >>> 3, wire = tag & 7;
            if (wire != ProtoReader.LENGTH) { r.skip(wire); continue; }
            switch (field) {
                case 1: in.add(r.readString("node input")); break;
                case 2: out.add(r.readString("node output")); break;
                case 3: name = r.readString("node name"); break;
                case 4: op = r.readString("op_type"); break;
                case 7: domain = r.readString("domain"); break;
                case 5: {
                    OnnxAttribute a = readAttribute(r.readMessage("attribute of node '" + name + "'"), depth);
                    if (attrs.put(a.name(), a) != null) throw r.error("node '" + name + "' has attribute '" + a.name() + "' twice");
                    break;
                }
                default: r.skip(wire);
            }
        }
        if (op.isEmpty()) throw r.error("node '" + name + "' has no op_type");
        return new OnnxNode(name, op, domain, List.copyOf(in), List.copyOf(out), attrs);
    }

    private static OnnxAttribute readAttribute(ProtoReader r, int depth) throws OnnxFormatException {
        String name = "", s = "";
        int type = 0;
        float f = 0;
        long i = 0;
        OnnxTensor t = null;
        OnnxGraph g = null;
        TensorDecoder.LongList floats = new TensorDecoder.LongList(), ints = new TensorDecoder.LongList();
        List<String> strings = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag(), field = tag >>> 3, wire = tag & 7;
            switch (field) {
                case 1: name = r.readString("attribute name"); break;
                case 20: type = (int) r.readVarint(); break;
                case 2: f = Float.intBitsToFloat(r.readFixed32()); break;
                case 3: i = r.readVarint(); break;
                case 4: s = r.readString("attribute '" + name + "'"); break;
                case 5: t = TensorDecoder.decode(r.readMessage("attribute '" + name + "'")); break;
                case 6: g = readGraph(r.readMessage("attribute '" + name + "' graph"), depth + 1); break;
                case 7:
                    if (wire == ProtoReader.LENGTH) {
                        ProtoReader p = r.readMessage("floats");
                        while (p.hasMore()) floats.add(p.readFixed32());
                    } else floats.add(r.readFixed32());
                    break;
                case 8:
                    if (wire == ProtoReader.LENGTH) {
                        ProtoReader p = r.readMessage("ints");
                        while (p.hasMore()) ints.add(p.readVarint());
                    } else ints.add(r.readVarint());
                    break;
                case 9: strings.add(r.readString("strings")); break;
                default: r.skip(wire);
            }
        }
        float[] fl = new float[floats.size];
        for (int k = 0; k < fl.length; k++) fl[k] = Float.intBitsToFloat((int) floats.get(k));
        return new OnnxAttribute(name, type, f, i, s, t, g, fl, ints.toArray(), List.copyOf(strings));
    }

    private static OnnxValueInfo readValueInfo(ProtoReader r) throws OnnxFormatException {
        String name = "";
        int elem = 0;
        List<OnnxValueInfo.Dim> dims = null;
        while (r.hasMore()) {
            int tag = r.readTag(), field = tag >>> 3, wire = tag & 7;
            if (field == 1 && wire == ProtoReader.LENGTH) name = r.readString("value name");
            else if (field == 2 && wire == ProtoReader.LENGTH) {
                ProtoReader type = r.readMessage("type of '" + name + "'");
                while (type.hasMore()) {
                    int t2 = type.readTag();
                    if ((t2 >>> 3) == 1 && (t2 & 7) == ProtoReader.LENGTH) {
                        ProtoReader tensor = type.readMessage("tensor_type");
                        while (tensor.hasMore()) {
                            int t3 = tensor.readTag();
                            if ((t3 >>> 3) == 1 && (t3 & 7) == ProtoReader.VARINT) elem = (int) tensor.readVarint();
                            else if ((t3 >>> 3) == 2 && (t3 & 7) == ProtoReader.LENGTH) dims = readShape(tensor.readMessage("shape"), name);
                            else tensor.skip(t3 & 7);
                        }
                    } else type.skip(t2 & 7);
                }
            } else r.skip(wire);
        }
        return new OnnxValueInfo(name, elem, dims);
    }

    private static List<OnnxValueInfo.Dim> readShape(ProtoReader r, String name) throws OnnxFormatException {
        List<OnnxValueInfo.Dim> dims = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            if ((tag >>> 3) != 1 || (tag & 7) != ProtoReader.LENGTH) { r.skip(tag & 7); continue; }
            ProtoReader d = r.readMessage("dim");
            long value = -1;
            String param = null;
            while (d.hasMore()) {
                int t = d.readTag();
                if ((t >>> 3) == 1 && (t & 7) == ProtoReader.VARINT) {
                    value = d.readVarint();
                    if (value < 0) throw r.error("value '" + name + "' declares the negative dimension " + value);
                }
                else if ((t >>> 3) == 2 && (t & 7) == ProtoReader.LENGTH) param = d.readString("dim_param");
                else d.skip(t & 7);
            }
            dims.add(new OnnxValueInfo.Dim(value, param));
        }
        return dims;
    }
}
