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
            "backends: " + String.join(", ", backends)
                    + (backends.contains("cuda") ? "" : "; cuda: not available (no CUDA backend in this build)"),
        };
    }
}
