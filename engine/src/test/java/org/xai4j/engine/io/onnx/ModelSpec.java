package org.xai4j.engine.io.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A mutable description of an ONNX model that encodes itself as ModelProto bytes (field numbers of
 * onnx.proto), so that tests can build a valid model and then change one thing in it: an attribute's
 * type, an opset, a dimension, a raw_data length. Everything is public and plain so a mutation is one line.
 */
final class ModelSpec {
    long irVersion = 8;
    /** opset_import entries as {domain, version}; a null domain writes no domain field. */
    final List<Object[]> opsets = new ArrayList<>();

    {
        opsets.add(new Object[] {"", 13L});
    }
    final List<Node> nodes = new ArrayList<>();
    final List<Init> initializers = new ArrayList<>();
    final List<Value> inputs = new ArrayList<>();
    final List<Value> outputs = new ArrayList<>();

    /** A NodeProto. */
    static final class Node {
        String op, name, domain = "";
        List<String> in, out;
        final List<Attr> attrs = new ArrayList<>();

        Node(String op, String name, List<String> in, List<String> out) {
            this.op = op;
            this.name = name;
            this.in = new ArrayList<>(in);
            this.out = new ArrayList<>(out);
        }

        Node attr(Attr a) {
            attrs.add(a);
            return this;
        }

        Attr find(String name) {
            for (Attr a : attrs) if (a.name.equals(name)) return a;
            return null;
        }
    }

    /** An AttributeProto; the type code is written as given (0 writes none), the values as set. */
    static final class Attr {
        String name;
        int type;
        Long i;
        Float f;
        String s;
        long[] ints;
        float[] floats;
        Init t;
        ModelSpec g;

        Attr copy() {
            Attr c = new Attr();
            c.name = name; c.type = type; c.i = i; c.f = f; c.s = s; c.ints = ints; c.floats = floats; c.t = t; c.g = g;
            return c;
        }

        static Attr i(String name, long v) { Attr a = new Attr(); a.name = name; a.type = OnnxAttribute.INT; a.i = v; return a; }
        static Attr f(String name, float v) { Attr a = new Attr(); a.name = name; a.type = OnnxAttribute.FLOAT; a.f = v; return a; }
        static Attr s(String name, String v) { Attr a = new Attr(); a.name = name; a.type = OnnxAttribute.STRING; a.s = v; return a; }
        static Attr ints(String name, long... v) { Attr a = new Attr(); a.name = name; a.type = OnnxAttribute.INTS; a.ints = v; return a; }
        static Attr floats(String name, float... v) { Attr a = new Attr(); a.name = name; a.type = OnnxAttribute.FLOATS; a.floats = v; return a; }
        static Attr tensor(String name, Init t) { Attr a = new Attr(); a.name = name; a.type = OnnxAttribute.TENSOR; a.t = t; return a; }
        static Attr graph(String name, ModelSpec g) { Attr a = new Attr(); a.name = name; a.type = OnnxAttribute.GRAPH; a.g = g; return a; }
    }

    /** A TensorProto: raw bytes and/or typed values (float_data or int64_data). */
    static final class Init {
        String name;
        int dataType;
        long[] dims;
        byte[] raw;
        float[] floatData;
        long[] int64Data;

        static Init floats(String name, long[] dims, float... values) {
            Init t = new Init();
            t.name = name; t.dataType = OnnxTensor.FLOAT; t.dims = dims;
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) b.putFloat(v);
            t.raw = b.array();
            return t;
        }

        static Init longs(String name, long[] dims, long... values) {
            Init t = new Init();
            t.name = name; t.dataType = OnnxTensor.INT64; t.dims = dims; t.int64Data = values;
            return t;
        }
    }

    /** A ValueInfoProto of tensor type; dims null: no shape; a negative dim writes a negative dim_value; elemType -1: a sequence type. */
    static final class Value {
        String name;
        int elemType;
        long[] dims;

        Value(String name, int elemType, long... dims) {
            this.name = name;
            this.elemType = elemType;
            this.dims = dims;
        }
    }

    // ---- encoding ------------------------------------------------------------------------------

    byte[] encode() {
        Pb m = new Pb();
        if (irVersion != Long.MIN_VALUE) m.varint(1, irVersion);
        m.str(2, "ModelSpec");
        for (Object[] o : opsets) {
            Pb op = new Pb();
            if (o[0] != null) op.str(1, (String) o[0]);
            op.varint(2, (Long) o[1]);
            m.msg(8, op);
        }
        m.msg(7, graph());
        return m.bytes();
    }

    Pb graph() {
        Pb g = new Pb();
        for (Node n : nodes) g.msg(1, node(n));
        g.str(2, "g");
        for (Init t : initializers) g.msg(5, tensor(t));
        for (Value v : inputs) g.msg(11, value(v));
        for (Value v : outputs) g.msg(12, value(v));
        return g;
    }

    private static Pb node(Node n) {
        Pb p = new Pb();
        for (String s : n.in) p.str(1, s);
        for (String s : n.out) p.str(2, s);
        p.str(3, n.name).str(4, n.op);
        if (!n.domain.isEmpty()) p.str(7, n.domain);
        for (Attr a : n.attrs) p.msg(5, attr(a));
        return p;
    }

    private static Pb attr(Attr a) {
        Pb p = new Pb().str(1, a.name);
        if (a.f != null) p.fixed32(2, Float.floatToRawIntBits(a.f));
        if (a.i != null) p.varint(3, a.i);
        if (a.s != null) p.str(4, a.s);
        if (a.t != null) p.msg(5, tensor(a.t));
        if (a.g != null) p.msg(6, a.g.graph());
        if (a.floats != null) {
            Pb packed = new Pb();
            for (float f : a.floats) packed.rawFixed32(Float.floatToRawIntBits(f));
            p.msg(7, packed);
        }
        if (a.ints != null) {
            Pb packed = new Pb();
            for (long v : a.ints) packed.raw(v);
            p.msg(8, packed);
        }
        if (a.type != 0) p.varint(20, a.type);
        return p;
    }

    static Pb tensor(Init t) {
        Pb p = new Pb();
        for (long d : t.dims) p.varint(1, d);
        p.varint(2, t.dataType);
        if (t.floatData != null) {
            Pb packed = new Pb();
            for (float f : t.floatData) packed.rawFixed32(Float.floatToRawIntBits(f));
            p.msg(4, packed);
        }
        if (t.int64Data != null) {
            Pb packed = new Pb();
            for (long v : t.int64Data) packed.raw(v);
            p.msg(7, packed);
        }
        p.str(8, t.name);
        if (t.raw != null) p.bytes(9, t.raw);
        return p;
    }

    private static Pb value(Value v) {
        Pb tensorType = new Pb();
        if (v.elemType == -1) {
            // TypeProto.sequence_type (field 4) of a float tensor: not a tensor we can feed
            Pb elem = new Pb().msg(1, new Pb().varint(1, OnnxTensor.FLOAT));
            return new Pb().str(1, v.name).msg(2, new Pb().msg(4, new Pb().msg(1, elem)));
        }
        tensorType.varint(1, v.elemType);
        if (v.dims != null) {
            Pb shape = new Pb();
            for (long d : v.dims) shape.msg(1, d == Long.MIN_VALUE ? new Pb().str(2, "batch") : new Pb().varint(1, d));
            tensorType.msg(2, shape);
        }
        return new Pb().str(1, v.name).msg(2, new Pb().msg(1, tensorType));
    }

    /** A minimal protobuf writer. */
    static final class Pb {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pb varint(int field, long v) { tag(field, 0); raw(v); return this; }
        Pb fixed32(int field, int v) { tag(field, 5); rawFixed32(v); return this; }
        Pb bytes(int field, byte[] b) { tag(field, 2); raw(b.length); out.writeBytes(b); return this; }
        Pb str(int field, String s) { return bytes(field, s.getBytes(StandardCharsets.UTF_8)); }
        Pb msg(int field, Pb m) { return bytes(field, m.out.toByteArray()); }
        void tag(int field, int wire) { raw((long) field << 3 | wire); }
        void rawFixed32(int v) { for (int k = 0; k < 4; k++) out.write((v >>> (8 * k)) & 0xFF); }
        void raw(long v) {
            while ((v & ~0x7FL) != 0) { out.write((int) (v & 0x7F) | 0x80); v >>>= 7; }
            out.write((int) v);
        }
        byte[] bytes() { return out.toByteArray(); }
    }
}
