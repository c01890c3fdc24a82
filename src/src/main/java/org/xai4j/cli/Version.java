package org.xai4j.cli;

import java.util.List;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.cpu.CpuFeatures;
import picocli.CommandLine;

/**
 * {@code xai --version}: the build's version and what a benchmark report must state: the JDK, the CPU
 * kernels' vector species (or the scalar fallback and why), the worker threads, and the backends found.
 */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        List<String> backends = Backends.available();
        return new String[] {
            "xai " + (v == null ? "0.1.0-SNAPSHOT" : v),
            "JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + " (" + System.getProperty("java.home") + ")",
            "CPU: " + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores; kernels: " + CpuFeatures.describe(),
            "worker threads: " + Parallel.threads(),
            "backends: " + String.join(", ", backends),
            gpus(),
        };
    }

    /** The GPUs found, or why none is usable (no libcuda.so.1, no PTX in this build, the kernels jar absent). */
    private static String gpus() {
        for (String line : Backends.describeProviders()) {
            if (line.startsWith("cuda: ")) return line;
        }
        return "cuda: not usable: no CUDA backend in this build (the xai4j-kernels jar is not on the class path)";
    }
}
