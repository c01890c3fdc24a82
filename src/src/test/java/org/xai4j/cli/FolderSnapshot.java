package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a folder holds (each entry's kind and, for a regular file, its bytes), to assert that a failing
 * run changed nothing: no output written, none replaced, no temporary file left.
 */
record FolderSnapshot(Map<String, String> entries) {
    static FolderSnapshot of(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String kind;
                if (Files.isSymbolicLink(p)) kind = "link to " + Files.readSymbolicLink(p);
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) kind = "dir";
                else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) kind = "file " + Arrays.hashCode(Files.readAllBytes(p)) + " " + Files.size(p);
                else kind = "special";
                m.put(dir.relativize(p).toString(), kind);
            }
        }
        return new FolderSnapshot(m);
    }

    void assertUnchanged(Path dir, String label) throws IOException {
        assertEquals(entries, of(dir).entries(), label + ": the folder changed");
    }
}
