package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public Java API's javadoc (package {@code org.xai4j.api}) builds with every doclint check on
 * ({@code -Xdoclint:all}: every public type and member documented, every parameter and return value)
 * without a warning, so that the documentation an embedder reads cannot fall behind the code.
 */
class JavaApiDocTest {
    private static final Path API = Path.of("").toAbsolutePath().getParent().resolve("explain/src/main/java/org/xai4j/api");

    @TempDir
    Path tmp;

    @Test
    void theApiJavadocBuildsWithoutAWarning() throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.list(API)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertEquals(12, sources.size(), "the API's source files: " + sources);
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = javadoc.getStandardFileManager(diagnostics, null, null)) {
            ok = javadoc.getTask(out, files, diagnostics, null,
                    List.of("-Xdoclint:all", "-quiet", "-d", tmp.toString(), "-cp", ReadmeJavaApiTest.apiClassPath()),
                    files.getJavaFileObjectsFromPaths(sources)).call();
        }
        List<String> problems = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(d -> d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + " " + d.getMessage(null)).toList();
        assertTrue(ok, out + " " + problems);
        assertEquals(List.of(), problems, out.toString());
        assertTrue(!out.toString().contains("warning"), out.toString());
        assertTrue(Files.exists(tmp.resolve("org/xai4j/api/Method.html")));
    }
}
