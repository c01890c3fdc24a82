package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.cpu.CpuFeatures;

/** The relaunched JVM's stderr reaches the user without the JDK's incubator warning, and nothing else is lost. */
class RelaunchTest {
    private static String forward(String childStderr, int chunk) {
        byte[] bytes = childStderr.getBytes(StandardCharsets.UTF_8);
        // a stream that hands out at most `chunk` bytes per read, as a pipe may
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Relaunch.forwardWithoutWarning(in, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theIncubatorWarningIsDroppedAndTheRestPassesThrough() {
        for (int chunk : new int[] {1, 7, 8192}) {
            assertEquals("xai: no such file: m.onnx\n", forward(Relaunch.WARNING + "\nxai: no such file: m.onnx\n", chunk));
            assertEquals("", forward(Relaunch.WARNING + "\n", chunk));
            assertEquals("", forward("", chunk));
            // anything else, even a prefix of the warning, is kept whole
            assertEquals("WARNING: Using something else\n", forward("WARNING: Using something else\n", chunk));
            assertEquals("WARNING: Using", forward("WARNING: Using", chunk));
            // the warning later in the stream is not the JDK's start-up line: kept
            String later = "progress\r" + Relaunch.WARNING + "\n";
            assertEquals(later, forward(later, chunk));
        }
    }

    @Test
    void theTestJvmRunsTheVectorKernelsAndVersionSaysSo() {
        CliRunner.Result r = CliRunner.run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("kernels: " + CpuFeatures.describe()), r.out());
        if (CpuFeatures.vectorModulePresent() && !"false".equals(System.getProperty("xai4j.vector"))) {
            int lanes = CpuFeatures.lanes();
            assertTrue(lanes == 4 || lanes == 8 || lanes == 16, "lanes " + lanes);
            assertTrue(r.out().contains("Vector API, " + lanes + " x float32"), r.out());
        }
        assertTrue(r.out().contains("worker threads: "), r.out());
        assertTrue(r.out().contains("backends: cpu"), r.out());
    }
}
