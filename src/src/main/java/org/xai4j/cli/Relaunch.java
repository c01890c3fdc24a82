package org.xai4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Puts a plain {@code java -jar xai.jar} on the fast path. The CPU kernels need {@code jdk.incubator.vector},
 * which a JVM resolves only when started with {@code --add-modules}; a jar's manifest cannot ask for it.
 * So when the module is missing, {@code main} starts a second JVM with the same options plus the module,
 * passes standard input and output through, and forwards its
 * standard error without the JDK's "Using incubator modules" warning, which would otherwise turn every
 * one-line message into two. The cost is one more JVM start (about 50 ms).
 *
 * <p>Not relaunched: when the module is present, when {@code -Dxai4j.vector=false} asks for the scalar
 * kernels, when {@code XAI4J_NO_RELAUNCH} is set (or this is already the relaunched JVM), or when the
 * java executable cannot be found; then one stderr line says the kernels run as plain loops.
 */
final class Relaunch {
    static final String GUARD = "XAI4J_NO_RELAUNCH";
    static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    private Relaunch() {}

    /** Whether this JVM lacks the Vector API module although nothing asked for the scalar kernels. */
    static boolean wanted() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return false;
        if ("false".equalsIgnoreCase(System.getProperty("xai4j.vector", "true").trim())) return false;
        return true;
    }

    /** Whether this Java runtime ships the module at all (a jlinked runtime may not). */
    static boolean available() {
        return java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();
    }

    /**
     * Runs the command in a JVM with the Vector API and returns its exit code, or empty when that cannot
     * be done here (then the caller runs in this JVM, on the scalar path, after saying so).
     */
    static Optional<Integer> run(String[] args) {
        if (System.getenv(GUARD) != null || !available()) return Optional.empty();
        Optional<String> javaCommand = ProcessHandle.current().info().command();
        String classPath = System.getProperty("java.class.path", "");
        if (javaCommand.isEmpty() || !Files.isExecutable(Path.of(javaCommand.get())) || classPath.isEmpty()) return Optional.empty();
        List<String> command = new ArrayList<>();
        command.add(javaCommand.get());
        command.add("--add-modules=jdk.incubator.vector");
        // no -XX:+UseTransparentHugePages: with it, 4 of 16 JVMs ran the DNA CNN's occlusion 7x slower
        // throughout (7.4-8.8 ms against 1.0-1.6; THP "madvise" with defrag "madvise" on the 2-vCPU VM), none of
        // 16 without; ResNet-18 saliency and occlusion were no faster with it (bench/RESULTS.md)
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String o : jvmOptions) {
            if (o.startsWith("-agentlib:jdwp") || o.startsWith("-Xrunjdwp")) continue; // the debugger's port is taken
            command.add(o);
        }
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put(GUARD, "1");
        pb.environment().remove("JDK_JAVA_OPTIONS"); // already among this JVM's options
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        Thread stop = new Thread(child::destroy);
        Runtime.getRuntime().addShutdownHook(stop);
        Thread errors = new Thread(() -> forwardWithoutWarning(child.getErrorStream(), System.err), "xai-stderr");
        errors.start();
        try {
            int code = child.waitFor();
            errors.join();
            Runtime.getRuntime().removeShutdownHook(stop);
            return Optional.of(code);
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return Optional.of(Main.FAILURE);
        }
    }

    /** Copies in to out as it arrives (a progress bar redraws without newlines), dropping a first line equal to {@link #WARNING}. */
    static void forwardWithoutWarning(InputStream in, OutputStream out) {
        byte[] warning = (WARNING + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[8192];
        int matched = 0;           // bytes of the warning seen so far at the start of the stream
        boolean deciding = true;   // still comparing the start of the stream with the warning
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                int from = 0;
                if (deciding) {
                    while (from < n && matched < warning.length && buf[from] == warning[matched]) {
                        from++;
                        matched++;
                    }
                    if (matched == warning.length) {
                        deciding = false;  // the warning, dropped
                    } else if (from < n) {
                        deciding = false;  // something else: pass on what was held back
                        out.write(warning, 0, matched);
                    } else {
                        continue;          // a prefix of the warning so far: wait for more
                    }
                }
                out.write(buf, from, n - from);
                out.flush();
            }
            if (deciding && matched > 0) out.write(warning, 0, matched);
            out.flush();
        } catch (IOException e) {
            // the child's stderr closed under us: nothing more to forward
        }
    }
}
