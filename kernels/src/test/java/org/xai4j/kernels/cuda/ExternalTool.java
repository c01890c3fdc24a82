package org.xai4j.kernels.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs a command-line tool of the CUDA toolkit or the C compiler, for tests that skip without it. */
final class ExternalTool {
    private ExternalTool() {}

    /** The executable on PATH or under $CUDA_HOME/bin, if any. */
    static Optional<Path> find(String name) {
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null) {
            Path p = Path.of(cudaHome, "bin", name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The result of a finished command: its exit status and what it printed (stdout and stderr merged). */
    record Result(int exitCode, String output) {}

    static Result run(List<String> command, Path stdoutTo) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdoutTo != null) {
            pb.redirectOutput(stdoutTo.toFile());
        } else {
            pb.redirectErrorStream(true);
        }
        Process p = pb.start();
        byte[] out = stdoutTo != null ? p.getErrorStream().readAllBytes() : p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(out));
    }
}
