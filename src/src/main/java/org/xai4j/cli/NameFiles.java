package org.xai4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Class and feature names read from text files, one a line (--labels, --feature-names). */
final class NameFiles {
    private NameFiles() {}

    /** The names in {@code file} (blank lines skipped); null for no file; at least {@code needed} of them. */
    static List<String> read(Path file, String option, int needed, String what) throws IOException {
        if (file == null) return null;
        CliFiles.requireFile(file);
        List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (names.size() < needed) {
            throw new Main.UsageError(option + " " + file + " names " + names.size() + " " + what + ", the model has " + needed);
        }
        return names;
    }

    static String name(List<String> names, int i, String prefix) {
        return names != null && i < names.size() ? names.get(i) : prefix + i;
    }
}
