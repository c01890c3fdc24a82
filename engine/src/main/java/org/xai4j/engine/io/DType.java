package org.xai4j.engine.io;

/** Element types a {@link HostArray} can hold, with their names in the .npy and safetensors formats. */
public enum DType {
    FLOAT32(4, "f4", "F32"),
    FLOAT64(8, "f8", "F64"),
    INT64(8, "i8", "I64"),
    INT32(4, "i4", "I32"),
    BOOL(1, "b1", "BOOL"),
    UINT8(1, "u1", "U8");

    private final int byteSize;
    private final String npyCode;
    private final String safetensorsName;

    DType(int byteSize, String npyCode, String safetensorsName) {
        this.byteSize = byteSize;
        this.npyCode = npyCode;
        this.safetensorsName = safetensorsName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The NumPy type code without its byte-order character ("f4" for float32). */
    public String npyCode() {
        return npyCode;
    }

    /** The safetensors dtype name ("F32" for float32). */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** The NumPy name ("float32", "bool", ...), for error messages. */
    public String numpyName() {
        return this == BOOL ? "bool" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the type holds integers or booleans (exactly convertible to long). */
    public boolean isIntegral() {
        return this != FLOAT32 && this != FLOAT64;
    }

    /** The type with this NumPy code ("f4"), or null if unsupported. */
    static DType fromNpyCode(String code) {
        for (DType t : values()) if (t.npyCode.equals(code)) return t;
        return null;
    }

    /** The type with this safetensors name ("F32"), or null if unsupported. */
    static DType fromSafetensorsName(String name) {
        for (DType t : values()) if (t.safetensorsName.equals(name)) return t;
        return null;
    }
}
