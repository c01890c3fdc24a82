package org.xai4j.engine.io.onnx;

import java.util.Arrays;

/**
 * A TensorProto decoded to a Java array: float[] (FLOAT, FLOAT16), double[] (DOUBLE), long[] (INT64,
 * UINT32), int[] (INT32, INT16, INT8, UINT16, UINT8), boolean[] (BOOL).
 */
public record OnnxTensor(String name, int dataType, long[] dims, Object data) {
    public static final int FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7,
            STRING = 8, BOOL = 9, FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13;

    /** The ONNX name of a data type code. */
    public static String typeName(int code) {
        String[] names = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING",
            "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16"};
        return code >= 0 && code < names.length ? names[code] : "type " + code;
    }

    public int numel() {
        long n = 1;
        for (long d : dims) n *= d;
        return (int) n;
    }

    /** The dims as ints (each was checked to fit when decoded). */
    public int[] shape() {
        int[] s = new int[dims.length];
        for (int i = 0; i < s.length; i++) s[i] = (int) dims[i];
        return s;
    }

    /** The values converted to float. */
    public float[] toFloats() {
        if (data instanceof float[] f) return f.clone();
        int n = numel();
        float[] out = new float[n];
        if (data instanceof double[] d) for (int i = 0; i < n; i++) out[i] = (float) d[i];
        else if (data instanceof long[] l) for (int i = 0; i < n; i++) out[i] = l[i];
        else if (data instanceof int[] v) for (int i = 0; i < n; i++) out[i] = v[i];
        else if (data instanceof boolean[] b) for (int i = 0; i < n; i++) out[i] = b[i] ? 1f : 0f;
        return out;
    }

    /** The values converted to long (floats truncated toward zero). */
    public long[] toLongs() {
        if (data instanceof long[] l) return l.clone();
        int n = numel();
        long[] out = new long[n];
        if (data instanceof float[] f) for (int i = 0; i < n; i++) out[i] = (long) f[i];
        else if (data instanceof double[] d) for (int i = 0; i < n; i++) out[i] = (long) d[i];
        else if (data instanceof int[] v) for (int i = 0; i < n; i++) out[i] = v[i];
        else if (data instanceof boolean[] b) for (int i = 0; i < n; i++) out[i] = b[i] ? 1 : 0;
        return out;
    }

    @Override
    public String toString() {
        return "OnnxTensor[" + name + " " + typeName(dataType) + Arrays.toString(dims) + "]";
    }
}
