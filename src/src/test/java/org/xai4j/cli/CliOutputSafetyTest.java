package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output safety (issue 18): an existing output that is not a regular file (a device, a FIFO, a folder,
 * a link to one) is never replaced; two options naming one file (by real path: {@code ./y}, {@code d/../y},
 * a link) is a usage error; a failing run leaves the folder as it was; a write failure names the
 * user's output, not the temporary file. Each case: exit code, one line, its key words, folder unchanged.
 */
class CliOutputSafetyTest {
    @TempDir
    Path tmp;

    private static final String MODEL = example("model.onnx").toString(), INPUT = example("input.npy").toString();
    private static final String MC_MODEL = captum("mc_dropout_mlp", "model.onnx").toString(), MC_INPUT = captum("mc_dropout_mlp", "input.npy").toString();

    private int cases;

    /** Runs {@code args}, expects {@code code} with one stderr line holding every key word, and {@code watched} unchanged. */
    private void expect(int code, List<String> keywords, String... args) throws IOException {
        FolderSnapshot before = FolderSnapshot.of(tmp);
        boolean devFull = Files.exists(Path.of("/dev/full")), devNull = Files.exists(Path.of("/dev/null"));
        CliRunner.Result r = run(args);
        String label = String.join(" ", args);
        assertEquals(code, r.code(), label + ": " + r.err());
        assertEquals(1, r.errLines().length, label + ": " + r.err());
        for (String k : keywords) assertTrue(r.errLines()[0].contains(k), label + ": '" + k + "' not in " + r.errLines()[0]);
        assertFalse(r.err().contains("\tat "), r.err());
        before.assertUnchanged(tmp, label);
        if (devFull) assertFalse(Files.isRegularFile(Path.of("/dev/full")), "/dev/full was replaced");
        if (devNull) assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null was replaced");
        cases++;
    }

    private String p(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void specialFilesAreNeverReplaced() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")) && Files.exists(Path.of("/dev/null")), "no /dev/full");
        List<String> special = List.of("exists and is not a regular file");
        expect(2, concat(special, "--out /dev/full"), "predict", "--model", MODEL, "--input", INPUT, "--out", "/dev/full");
        expect(2, concat(special, "--out /dev/null"), "predict", "--model", MODEL, "--input", INPUT, "--out", "/dev/null");
        expect(2, concat(special, "--out /dev/full"), "explain", "--model", MODEL, "--input", INPUT, "--method", "saliency", "--out", "/dev/full");
        expect(2, concat(special, "--std-out /dev/full"), "predict", "--model", MC_MODEL, "--input", MC_INPUT, "--out", p("m.npy"),
                "--mc-dropout", "3", "--std-out", "/dev/full");
        expect(2, concat(special, "--delta-out /dev/null"), "explain", "--model", MODEL, "--input", INPUT, "--method", "integrated-gradients",
                "--out", p("a.npy"), "--delta-out", "/dev/null");
        expect(2, concat(special, "--out /dev/full"), "importance", "--model", MODEL, "--data", INPUT, "--labels", example("input.npy").toString(),
                "--metric", "mse", "--out", "/dev/full");
        expect(2, concat(special, "--out /dev/full"), "pdp", "--model", MODEL, "--data", INPUT, "--feature", "0", "--out", "/dev/full");
        Path link = Files.createSymbolicLink(tmp.resolve("link.npy"), Path.of("/dev/full"));
        expect(2, concat(special, "link.npy"), "predict", "--model", MODEL, "--input", INPUT, "--out", link.toString());
        assertTrue(cases >= 8);
    }

    @Test
    void aFifoIsNeverReplaced() throws Exception {
        Path fifo = tmp.resolve("pipe.npy");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here");
            return;
        }
        Assumptions.assumeTrue(mk.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
        expect(2, List.of("--out", "pipe.npy", "not a regular file"), "predict", "--model", MODEL, "--input", INPUT, "--out", fifo.toString());
        expect(2, List.of("--out", "pipe.npy", "not a regular file"), "pdp", "--model", MODEL, "--data", INPUT, "--feature", "1",
                "--out", fifo.toString());
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void aFolderIsNeverReplaced() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("out.npy"));
        Files.writeString(folder.resolve("inside.txt"), "kept");
        expect(2, List.of("--out", "is a directory"), "predict", "--model", MODEL, "--input", INPUT, "--out", folder.toString());
        expect(2, List.of("--delta-out", "is a directory"), "explain", "--model", MODEL, "--input", INPUT, "--method", "integrated-gradients",
                "--out", p("a.npy"), "--delta-out", folder.toString());
        // pdp writes P.grid.npy beside P.npy: a folder of that name is refused before any work
        Files.createDirectory(tmp.resolve("p.grid.npy"));
        expect(2, List.of("grid", "is a directory"), "pdp", "--model", MODEL, "--data", INPUT, "--feature", "0", "--out", p("p.npy"));
    }

    @Test
    void twoOutputsNamingOneFileAreAUsageError() throws Exception {
        Files.createDirectory(tmp.resolve("d"));
        List<String> same = List.of("name the same file");
        expect(2, concat(same, "--out", "--std-out"), "predict", "--model", MC_MODEL, "--input", MC_INPUT, "--mc-dropout", "3",
                "--out", p("x.npy"), "--std-out", p("x.npy"));
        expect(2, concat(same, "--out", "--std-out"), "predict", "--model", MC_MODEL, "--input", MC_INPUT, "--mc-dropout", "3",
                "--out", p("x.npy"), "--std-out", tmp.resolve(".").resolve("x.npy").toString());
        expect(2, concat(same, "--out", "--delta-out"), "explain", "--model", MODEL, "--input", INPUT, "--method", "integrated-gradients",
                "--out", p("x.npy"), "--delta-out", tmp.resolve("d").resolve("..").resolve("x.npy").toString());
        Files.writeString(tmp.resolve("existing.npy"), "an earlier result");
        Path alias = Files.createSymbolicLink(tmp.resolve("alias.npy"), tmp.resolve("existing.npy"));
        expect(2, concat(same, "--out", "--delta-out"), "explain", "--model", MODEL, "--input", INPUT, "--method", "integrated-gradients",
                "--out", p("existing.npy"), "--delta-out", alias.toString());
        Path dirLink = Files.createSymbolicLink(tmp.resolve("dlink"), tmp.resolve("d"));
        expect(2, concat(same, "--out", "--std-out"), "predict", "--model", MC_MODEL, "--input", MC_INPUT, "--mc-dropout", "3",
                "--out", tmp.resolve("d").resolve("y.npy").toString(), "--std-out", dirLink.resolve("y.npy").toString());
        Path hard = Files.createLink(tmp.resolve("hard.npy"), tmp.resolve("existing.npy"));
        expect(2, concat(same, "--out", "--delta-out"), "explain", "--model", MODEL, "--input", INPUT, "--method", "integrated-gradients",
                "--out", p("existing.npy"), "--delta-out", hard.toString());
        // pdp's own grid file: --out p.grid.npy would write P.grid.grid.npy, not a clash; --out q with a .grid name is fine too
        assertEquals("an earlier result", Files.readString(tmp.resolve("existing.npy")));
    }

    @Test
    void aFailingRunKeepsAnExistingOutputAndLeavesNoTemporary() throws Exception {
        Files.writeString(tmp.resolve("y.npy"), "previous result");
        Path bad = tmp.resolve("bad.npy");
        org.xai4j.engine.io.Npy.write(bad, org.xai4j.engine.io.HostArray.ofFloat(new int[] {1, 4}, new float[] {1, Float.NaN, 3, 4}));
        expect(2, List.of("bad.npy", "NaN", "row 0, index 1"), "predict", "--model", MODEL, "--input", bad.toString(), "--out", p("y.npy"));
        expect(2, List.of("--steps"), "explain", "--model", MODEL, "--input", INPUT, "--method", "integrated-gradients", "--steps", "0",
                "--out", p("y.npy"));
        assertEquals("previous result", Files.readString(tmp.resolve("y.npy")));
    }

    @Test
    void aWriteThatFailsAtTheRenameNamesTheOutputAndLeavesNothing() throws Exception {
        // a 300-byte file name: the temporary file (its name cut to 200 bytes) is written, the rename over the
        // output fails with "File name too long" on every common file system, portably, even as root
        Path out = tmp.resolve("y".repeat(296) + ".npy");
        expect(1, List.of(out.toString() + ": cannot write ("), "predict", "--model", MODEL, "--input", INPUT, "--out", out.toString());
        CliRunner.Result r = run("predict", "--model", MODEL, "--input", INPUT, "--out", out.toString());
        assertFalse(r.err().contains(".tmp"), r.err());
    }

    @Test
    void aReadOnlyFolderFailsNamingTheOutputNotTheTemporaryFile() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(ro.resolve("y.npy"), "kept");
        assertTrue(ro.toFile().setWritable(false, false));
        try {
            // root writes into read-only folders; the check only means something for other users
            Assumptions.assumeFalse(Files.isWritable(ro), "running as root: a read-only folder is writable");
            expect(1, List.of(ro.resolve("y.npy").toString(), "cannot write"), "predict", "--model", MODEL, "--input", INPUT,
                    "--out", ro.resolve("y.npy").toString());
            assertEquals("kept", Files.readString(ro.resolve("y.npy")));
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }
}
