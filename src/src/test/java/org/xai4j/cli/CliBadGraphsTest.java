package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.run;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Well-formed protobuf, broken graphs (made by resources/bad with the onnx package): a cycle, a dangling
 * input, an initializer claiming 10^12 elements. Each is one line, exit 1, under a second, no output.
 */
class CliBadGraphsTest {
    @TempDir
    Path tmp;

    private static Path bad(String name) throws URISyntaxException {
        return Paths.get(CliBadGraphsTest.class.getResource("/bad/" + name).toURI());
    }

    private void assertRefused(String file, String message) throws Exception {
        Path out = tmp.resolve("y.npy");
        CliRunner.Result r = run("predict", "--model", bad(file).toString(), "--input",
                CliRunner.captum("iris_mlp", "input.npy").toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("xai: " + message), r.errLines()[0]);
        assertTrue(r.millis() < 1000, r.millis() + " ms");
        assertFalse(Files.exists(out));
    }

    @Test
    void cycleIsRefused() throws Exception {
        assertRefused("cycle.onnx", "cycle.onnx: the graph has a cycle through node ");
    }

    @Test
    void danglingInputIsRefused() throws Exception {
        assertRefused("dangling.onnx", "dangling.onnx: dangling input 'ghost' of node 'add' (Add)");
    }

    @Test
    void trillionElementInitializerIsRefusedBeforeAllocating() throws Exception {
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertRefused("huge_initializer.onnx", "huge_initializer.onnx: ");
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 256L << 20, "allocated " + ((after - before) >> 20) + " MiB");
    }
}
