package org.xai4j.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The PTX modules shipped in this jar. The build compiles {@code src/main/cuda/*.cu} with nvcc when it
 * finds one; a build without nvcc ships none, and the backend then reports {@link #MISSING}.
 */
public final class PtxResources {
    /** The reason given when this build has no PTX. */
    public static final String MISSING = "built without CUDA kernels (nvcc was not found at build time)";
    private static final String DIR = "/org/xai4j/kernels/ptx/";

    private PtxResources() {}

    /** Every module a {@link Kernel} names, each once. */
    public static List<String> modules() {
        return Arrays.stream(Kernel.values()).map(Kernel::module).distinct().toList();
    }

    /** Whether this build ships every module. */
    public static boolean complete() {
        for (String m : modules()) {
            if (PtxResources.class.getResource(DIR + m + ".ptx") == null) return false;
        }
        return true;
    }

    /** The PTX text of a module, NUL-terminated as cuModuleLoadData wants it. */
    public static byte[] load(String module) {
        try (InputStream in = PtxResources.class.getResourceAsStream(DIR + module + ".ptx")) {
            if (in == null) throw new IllegalStateException("PTX module " + module + ": " + MISSING);
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("PTX module " + module + ": " + e.getMessage(), e);
        }
    }

    /** The PTX text of a module as a string (for tests and diagnostics). */
    public static String text(String module) {
        byte[] b = load(module);
        return new String(b, 0, b.length - 1, StandardCharsets.US_ASCII);
    }
}
