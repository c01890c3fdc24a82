package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java quick start cannot rot: its {@code java} block under "Java API" is extracted,
 * compiled with {@link ToolProvider} against only what the README's dependency list names (the explain
 * and engine modules' classes and the three EJML jars, nothing of the CLI), and run in a new JVM with that
 * class path from the repository's root as the README says; what it prints must be the shape and the convergence deltas that
 * {@code xai explain --delta-out} writes for the same rows and method.
 */
class ReadmeJavaApiTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path tmp;

    /** The first ```java block after the "## Java API" heading. */
    static String javaBlock(List<String> readme) {
        int at = readme.indexOf("## Java API");
        assertTrue(at >= 0, "the README has no '## Java API' section");
        StringBuilder code = null;
        for (String line : readme.subList(at + 1, readme.size())) {
            if (line.startsWith("## ")) break;
            if (code == null) {
                if (line.strip().equals("```java")) code = new StringBuilder();
            } else {
                if (line.strip().equals("```")) return code.toString();
                code.append(line).append('\n');
            }
        }
        throw new AssertionError("no ```java block in the README's Java API section");
    }

    /** Where the README's runtime jars are on this machine: the explain and engine classes, ejml-ddense and -core. */
    static String apiClassPath() throws Exception {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : List.of(org.xai4j.api.Model.class, org.xai4j.engine.tensor.Tensor.class,
                org.ejml.dense.row.CommonOps_DDRM.class, org.ejml.data.DMatrixRMaj.class)) {
            String part = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!parts.contains(part)) parts.add(part);
        }
        assertEquals(4, parts.size(), "expected the explain and engine classes and two EJML jars, got " + parts);
        return String.join(File.pathSeparator, parts);
    }

    @Test
    void theQuickStartCompilesRunsAndPrintsTheCliNumbers() throws Exception {
        String code = javaBlock(Files.readAllLines(ROOT.resolve("README.md")));
        assertTrue(code.lines().count() <= 25, "the quick start has " + code.lines().count() + " lines; the README promises ~25");
        Matcher name = Pattern.compile("public class (\\w+)").matcher(code);
        assertTrue(name.find(), code);
        Path source = tmp.resolve("src").resolve(name.group(1) + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, code);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String classPath = apiClassPath();

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-cp", classPath, "-Xlint:all", "-Werror",
                source.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules=jdk.incubator.vector",
                "-cp", classes + File.pathSeparator + classPath, name.group(1)));
        Path stderr = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the quick start did not end");
        assertEquals(0, p.exitValue(), out + Files.readString(stderr));

        // the same method on the same rows through the CLI: its attributions' shape and its --delta-out
        Path attributions = tmp.resolve("ig.npy"), delta = tmp.resolve("delta.npy");
        CliRunner.Result r = CliRunner.run("explain", "--model", CliRunner.example("model.onnx").toString(), "--input",
                CliRunner.example("input.npy").toString(), "--method", "integrated-gradients", "--steps", "50",
                "--out", attributions.toString(), "--delta-out", delta.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        float[] d = CliRunner.read(delta);
        List<String> lines = out.lines().toList();
        assertEquals(List.of("shape " + Arrays.toString(CliRunner.shape(attributions)), "delta " + Arrays.toString(d)), lines, out);
        assertEquals("shape [8, 4]", lines.get(0));
        // what the README says of the deltas: each below 0.1 in magnitude here
        double largest = 0;
        for (float v : d) largest = Math.max(largest, Math.abs(v));
        assertTrue(largest > 0.05 && largest < 0.1, "largest |delta| " + largest);
    }
}
