package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files one command will write, checked together before any work: each one's folder exists, an
 * existing file of that name is a regular file (a device such as /dev/full, a FIFO, a socket or a folder
 * is never replaced), and no two options name the same file (compared by real path, so {@code ./y.npy}
 * and {@code d/../y.npy} are one file). Every problem is a usage error naming the option.
 *
 * <p>Usage: {@code OutputFiles.check().add("--out", out).add("--std-out", stdOut).verify();} (null paths,
 * options not given, are skipped).
 */
final class OutputFiles {
    private final Map<String, Path> outputs = new LinkedHashMap<>();

    private OutputFiles() {}

    /** An empty set of outputs to check. */
    static OutputFiles check() {
        return new OutputFiles();
    }

    /** Adds the file an option names; null (the option not given) is skipped. */
    OutputFiles add(String option, Path file) {
        if (file != null) outputs.put(option + (outputs.containsKey(option) ? " (" + file + ")" : ""), file);
        return this;
    }

    /** Runs the checks; a usage error names the option and the file. */
    void verify() {
        Map<Path, String> byRealPath = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
            String option = e.getKey();
            Path file = e.getValue();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new Main.UsageError("no such directory for the output: " + parent);
            }
            if (Files.isDirectory(file)) throw new Main.UsageError(option + " " + file + ": the output is a directory");
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new Main.UsageError(option + " " + file + ": exists and is not a regular file (a device, FIFO or socket); "
                        + "it is never replaced");
            }
            Path real = realPath(file);
            String other = byRealPath.putIfAbsent(real, option);
            if (other == null) other = sameExistingFile(byRealPath, real, option);
            if (other != null) {
                throw new Main.UsageError(other + " and " + option + " name the same file (" + real + "); one result would be lost");
            }
        }
    }

    /** The option of an earlier output that is the same existing file under another name (a hard link), or null. */
    private static String sameExistingFile(Map<Path, String> earlier, Path real, String option) {
        if (!Files.exists(real)) return null;
        for (Map.Entry<Path, String> e : earlier.entrySet()) {
            if (e.getValue().equals(option) || !Files.exists(e.getKey())) continue;
            try {
                if (Files.isSameFile(e.getKey(), real)) return e.getValue();
            } catch (IOException ignored) {
                // unreadable: the names differ, and the write will say what is wrong
            }
        }
        return null;
    }

    /** The file's real path: resolved through links, or for a file not yet there, its folder's real path and its name. */
    static Path realPath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) return absolute.toRealPath();
            Path parent = absolute.getParent();
            return parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }
}
