package org.xai4j.engine.backend.cpu;

/**
 * What the CPU kernels run with on this JVM, for {@code xai --version} and benchmark reports: the Vector
 * API species (lanes per float vector) or the scalar fallback and why.
 *
 * <p><b>One float species per JVM.</b> Every Vector API kernel uses {@code FloatVector.SPECIES_PREFERRED}
 * and no other float species (a test checks it). JDK 17's C2 parses a loop-carried vector (an
 * accumulator) with its declared type, so {@code acc.intoArray(..)} after the loop is a virtual call that
 * C2 binds through the type profile of the Vector API's shared code. With a second species in the JVM
 * that profile sees two classes, the intrinsic then finds no constant vector class, and the whole kernel
 * runs on boxed vectors through the API's Java fallback: measured on a 4096 x 32 x 32 GEMM, 150 GFLOPS
 * when its kernel was compiled first and 7 GFLOPS when an 8 x 4 kernel in 128-bit vectors had run
 * before it (and the reverse); which one ran first differed from command to command. JDK 25 does not
 * do this.
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
