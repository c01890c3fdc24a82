package org.xai4j.engine.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes a TensorProto (onnx.proto fields: dims=1, data_type=2, float_data=4, int32_data=5,
 * int64_data=7, name=8, raw_data=9, double_data=10, uint64_data=11, data_location=14). The element
 * count claimed by dims is checked against the bytes actually present before anything is allocated.
 */
final class TensorDecoder {
    /** Most elements one tensor may hold (one Java array). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private TensorDecoder() {}

    static OnnxTensor decode(ProtoReader r) throws OnnxFormatException {
        String name = "";
        int dataType = 0;
        long[] dims = new long[4];
        int nd = 0;
        int[] raw = null;
        LongList typedInts = new LongList();
        int typedField = 0;
        int location = 0;
        while (r.hasMore()) {
            int tag = r.readTag(), field = tag >>> 3, wire = tag & 7;
            switch (field) {
                case 1:
                    if (wire == ProtoReader.LENGTH) {
                        ProtoReader p = r.readMessage("dims");
                        while (p.hasMore()) { if (nd == dims.length) dims = Arrays.copyOf(dims, nd * 2); dims[nd++] = p.readVarint(); }
                    } else {
                        if (nd == dims.length) dims = Arrays.copyOf(dims, nd * 2);
                        dims[nd++] = r.readVarint();
                    }
                    break;
                case 2: dataType = (int) r.readVarint(); break;
                case 8: name = r.readString("name"); break;
                case 9: raw = r.readBytesSpan("raw_data of tensor '" + name + "'"); break;
                case 14: location = (int) r.readVarint(); break;
                case 4: case 5: case 7: case 10: case 11:
                    typedField = field;
                    readTyped(r, field, wire, typedInts);
                    break;
                default: r.skip(wire);
            }
        }
        dims = Arrays.copyOf(dims, nd);
        String what = r.where() + (r.where().endsWith(":") ? " " : ": ") + "tensor '" + name + "'";
        if (location == 1) throw new OnnxFormatException(what + ": external data is not supported; save the model with its weights inside");
        long n = 1;
        for (long d : dims) {
            if (d < 0) throw new OnnxFormatException(what + ": negative dimension in " + Arrays.toString(dims));
            n *= d;
            if (n > MAX_ELEMENTS) throw new OnnxFormatException(what + ": dims " + Arrays.toString(dims) + " claim more than " + MAX_ELEMENTS + " elements");
        }
        int count = (int) n;
        Object data;
        if (raw != null && typedInts.size > 0) {
            throw new OnnxFormatException(what + ": holds both raw_data and typed data (" + typedInts.size + " values); ONNX allows one");
        }
        if (raw != null) {
            int size = elementSize(dataType, what);
            if ((long) count * size != raw[1]) {
                throw new OnnxFormatException(what + ": dims " + Arrays.toString(dims) + " need " + (long) count * size
                        + " bytes of raw_data, found " + raw[1]);
            }
            data = fromRaw(dataType, ByteBuffer.wrap(r.buffer(), raw[0], raw[1]).slice().order(ByteOrder.LITTLE_ENDIAN), count);
        } else {
            if (typedInts.size != count) {
                if (dataType == OnnxTensor.STRING) throw new OnnxFormatException(what + ": string tensors are not supported");
                throw new OnnxFormatException(what + ": dims " + Arrays.toString(dims) + " claim " + count + " values, found " + typedInts.size);
            }
            data = fromTyped(dataType, typedField, typedInts, count, what);
        }
        return new OnnxTensor(name, dataType, dims, data);
    }

    private static void readTyped(ProtoReader r, int field, int wire, LongList out) throws OnnxFormatException {
        boolean fixed32 = field == 4, fixed64 = field == 10;
        if (wire == ProtoReader.LENGTH) {
            ProtoReader p = r.readMessage("packed values");
            while (p.hasMore()) out.add(fixed32 ? p.readFixed32() & 0xFFFFFFFFL : fixed64 ? p.readFixed64() : p.readVarint());
        } else if (fixed32) {
            out.add(r.readFixed32() & 0xFFFFFFFFL);
        } else if (fixed64) {
            out.add(r.readFixed64());
        } else {
            out.add(r.readVarint());
        }
    }

    static int elementSize(int type, String what) throws OnnxFormatException {
        switch (type) {
            case OnnxTensor.FLOAT: case OnnxTensor.INT32: case OnnxTensor.UINT32: return 4;
            case OnnxTensor.DOUBLE: case OnnxTensor.INT64: case OnnxTensor.UINT64: return 8;
            case OnnxTensor.INT8: case OnnxTensor.UINT8: case OnnxTensor.BOOL: return 1;
            case OnnxTensor.INT16: case OnnxTensor.UINT16: case OnnxTensor.FLOAT16: return 2;
            default: throw new OnnxFormatException(what + ": data type " + OnnxTensor.typeName(type) + " is not supported");
        }
    }

    private static Object fromRaw(int type, ByteBuffer b, int n) {
        switch (type) {
            case OnnxTensor.FLOAT: { float[] a = new float[n]; b.asFloatBuffer().get(a); return a; }
            case OnnxTensor.DOUBLE: { double[] a = new double[n]; b.asDoubleBuffer().get(a); return a; }
            case OnnxTensor.INT64: case OnnxTensor.UINT64: { long[] a = new long[n]; b.asLongBuffer().get(a); return a; }
            case OnnxTensor.INT32: { int[] a = new int[n]; b.asIntBuffer().get(a); return a; }
            case OnnxTensor.UINT32: { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = b.getInt(4 * i) & 0xFFFFFFFFL; return a; }
            case OnnxTensor.INT8: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = b.get(i); return a; }
            case OnnxTensor.UINT8: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = b.get(i) & 0xFF; return a; }
            case OnnxTensor.BOOL: { boolean[] a = new boolean[n]; for (int i = 0; i < n; i++) a[i] = b.get(i) != 0; return a; }
            case OnnxTensor.INT16: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = b.getShort(2 * i); return a; }
            case OnnxTensor.UINT16: { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = b.getShort(2 * i) & 0xFFFF; return a; }
            default: { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = halfToFloat(b.getShort(2 * i) & 0xFFFF); return a; }
        }
    }

    private static Object fromTyped(int type, int field, LongList v, int n, String what) throws OnnxFormatException {
        switch (type) {
            case OnnxTensor.FLOAT: {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat((int) v.get(i));
                return a;
            }
            case OnnxTensor.DOUBLE: {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble(v.get(i));
                return a;
            }
            case OnnxTensor.INT64: case OnnxTensor.UINT64: case OnnxTensor.UINT32: {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) a[i] = v.get(i);
                return a;
            }
            case OnnxTensor.BOOL: {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) a[i] = v.get(i) != 0;
                return a;
            }
            case OnnxTensor.FLOAT16: {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) a[i] = halfToFloat((int) v.get(i) & 0xFFFF);
                return a;
            }
            case OnnxTensor.INT32: case OnnxTensor.INT8: case OnnxTensor.UINT8: case OnnxTensor.INT16: case OnnxTensor.UINT16: {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) a[i] = (int) v.get(i);
                return a;
            }
            default: throw new OnnxFormatException(what + ": data type " + OnnxTensor.typeName(type) + " is not supported");
        }
    }

    /** IEEE 754 half to float. */
    static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1, exp = (h >>> 10) & 0x1F, mant = h & 0x3FF;
        float v;
        if (exp == 0) v = mant * 0x1p-24f;
        else if (exp == 31) v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        else v = Float.intBitsToFloat((exp - 15 + 127) << 23 | mant << 13);
        return sign == 1 ? -v : v;
    }

    /** A growable long list (typed fields arrive one value at a time). */
    static final class LongList {
        long[] a = new long[16];
        int size;

        void add(long v) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = v;
        }

        long get(int i) {
            return a[i];
        }

        long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
