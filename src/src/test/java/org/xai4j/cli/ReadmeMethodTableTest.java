package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.xai4j.explain.registry.MethodRegistry;

/** The README's method table and the explain help's method list say what the registry declares. */
class ReadmeMethodTableTest {
    private static Path readme() {
        Path p = Paths.get("..", "README.md");
        return Files.exists(p) ? p : Paths.get("README.md");
    }

    @Test
    void readmeTableIsTheRegistrys() throws Exception {
        String text = Files.readString(readme(), StandardCharsets.UTF_8);
        int start = text.indexOf(MethodTable.HEADER);
        assertTrue(start >= 0, "README has no method table starting with " + MethodTable.HEADER);
        int end = text.indexOf("\n\n", start);
        assertEquals(MethodTable.markdown(), text.substring(start, end + 1),
                "README's method table differs from the registry; regenerate it from MethodTable.markdown()");
    }

    @Test
    void helpListsEveryRegisteredMethod() {
        CliRunner.Result r = CliRunner.run("explain", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Methods: " + String.join(", ", MethodRegistry.names()) + "."), r.out());
    }

    @Test
    void refusalNamesWhatTheMethodTakesFromTheRegistry() {
        // deeplift takes --delta-out because the registry says it returns a convergence delta
        CliRunner.Result r = CliRunner.run("explain", "--model", CliRunner.captum("iris_mlp", "model.onnx").toString(),
                "--input", CliRunner.captum("iris_mlp", "input.npy").toString(), "--method", "deeplift", "--steps", "3",
                "--out", "unused.npy");
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("xai: deeplift does not take --steps; it takes --baseline, --delta-out\n", r.err());
    }
}
