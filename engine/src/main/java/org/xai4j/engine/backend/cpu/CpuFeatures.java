package org.xai4j.engine.backend.cpu;

/**
 * What the CPU kernels run with on this JVM, for {@code xai --version} and benchmark reports: the Vector
 * API species (lanes per float vector) or the scalar fallback and why.
 */
public final class CpuFeatures {
    private CpuFeatures() {}

    /** Whether the JVM resolved {@code jdk.incubator.vector} (started with {@code --add-modules}). */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Floats per vector the kernels use, or 1 on the scalar path. */
    public static int lanes() {
        return Gemm.vectorized() ? VectorElementwise.lanes() : 1;
    }

    /** One line: "Vector API, 16 x float32 (512-bit)" or "scalar (reason)". */
    public static String describe() {
        if (Gemm.vectorized()) {
            int lanes = VectorElementwise.lanes();
            return "Vector API, " + lanes + " x float32 (" + lanes * 32 + "-bit)";
        }
        if ("false".equalsIgnoreCase(System.getProperty("xai4j.vector", "true").trim())) {
            return "scalar (disabled by -Dxai4j.vector=false)";
        }
        if (!vectorModulePresent()) {
            return "scalar (the JVM was started without --add-modules=jdk.incubator.vector)";
        }
        return "scalar (the Vector API's preferred species is too short on this CPU)";
    }
}
