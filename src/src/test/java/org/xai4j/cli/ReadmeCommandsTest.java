package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./xai ...} command in the README's code blocks, run as written: relative paths resolved
 * against the repository, shell variables set in earlier blocks ({@code m=...}) expanded, and every
 * output redirected into a temporary folder. Each must exit 0 and write each file it names. The "bring
 * your own model" walk-through names the reader's own export (model.onnx, input.npy): those commands run
 * on the shipped example MLP, which is such an export. A command naming any other missing file fails.
 */
class ReadmeCommandsTest {
    /** The repository root: Maven runs the module's tests in src/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Set<String> OUTPUTS = Set.of("--out", "--std-out", "--delta-out", "--plot", "--fasta", "--trace",
            "--json", "--csv", "--epistemic-out", "--aleatoric-out", "--total-out");
    private static final Set<String> INPUTS = Set.of("--model", "--input", "--data", "--labels", "--background", "--baseline",
            "--baselines", "--overlay", "--feature-names", "--feature-mask", "--target");
    /** The walk-through's files, made by the reader's own export script, and the shipped export that stands in. */
    private static final Map<String, String> READERS_FILES = Map.of("model.onnx", "examples/blobs/model.onnx",
            "input.npy", "examples/blobs/input.npy");
    private static final Pattern VARIABLE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(\\S+)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** The xai command lines of the README's code blocks, continuation lines joined, variables expanded. */
    static List<List<String>> commands(List<String> readme) {
        List<List<String>> commands = new ArrayList<>();
        Map<String, String> variables = new HashMap<>();
        boolean inBlock = false;
        StringBuilder pending = null;
        for (String raw : readme) {
            if (raw.startsWith("```")) {
                inBlock = !inBlock;
                pending = null;
                continue;
            }
            if (!inBlock) continue;
            String line = raw.strip();
            if (line.startsWith("$ ")) line = line.substring(2);
            boolean continues = line.endsWith("\\");
            if (continues) line = line.substring(0, line.length() - 1);
            if (pending != null) {
                pending.append(' ').append(line);
                if (continues) continue;
                line = pending.toString();
                pending = null;
            } else if (continues) {
                pending = new StringBuilder(line);
                continue;
            }
            Matcher v = VARIABLE.matcher(line);
            if (v.matches()) {
                variables.put(v.group(1), v.group(2));
                continue;
            }
            int at = line.indexOf("./xai ");
            if (at < 0) continue;
            String command = line.substring(at + "./xai ".length());
            int comment = command.indexOf(" #");
            if (comment >= 0) command = command.substring(0, comment);
            Matcher r = REFERENCE.matcher(command);
            StringBuilder expanded = new StringBuilder();
            while (r.find()) r.appendReplacement(expanded, Matcher.quoteReplacement(variables.getOrDefault(r.group(1), r.group())));
            r.appendTail(expanded);
            commands.add(List.of(expanded.toString().trim().split("\\s+")));
        }
        return commands;
    }

    @Test
    void everyXaiCommandInTheReadmeRunsAndWritesWhatItSays(@TempDir Path tmp) throws IOException {
        List<List<String>> commands = commands(Files.readAllLines(ROOT.resolve("README.md")));
        int ran = 0;
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            for (int i = 0; i < command.size(); i++) {
                String a = command.get(i), option = i > 0 ? command.get(i - 1) : "";
                if (INPUTS.contains(option) && !Files.exists(ROOT.resolve(a))) a = READERS_FILES.getOrDefault(a, a);
                if (OUTPUTS.contains(option)) {
                    Path out = tmp.resolve(Path.of(a).getFileName());
                    outputs.add(out);
                    args.add(out.toString());
                } else if (i > 0 && !a.startsWith("-") && (a.contains("/") || a.contains(".")) && Files.exists(ROOT.resolve(a))) {
                    args.add(ROOT.resolve(a).toString());
                } else {
                    boolean value = a.matches("-?[0-9.]+") || a.equals("zeros");
                    assertTrue(!INPUTS.contains(option) || value, "xai " + String.join(" ", command) + ": no file " + a);
                    args.add(a);
                }
            }
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), "xai " + String.join(" ", command) + "\n" + r.err());
            for (Path out : outputs) assertTrue(written(out), "xai " + String.join(" ", command) + " did not write " + out.getFileName());
            ran++;
        }
        System.out.println("README: " + ran + " xai commands ran");
        assertTrue(ran >= 10, "only " + ran + " xai commands found in the README");
    }

    /** The file, or (for a picture of several rows) files named after it, written and not empty. */
    private static boolean written(Path out) throws IOException {
        if (Files.isRegularFile(out) && Files.size(out) > 0) return true;
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        try (Stream<Path> files = Files.list(out.getParent())) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(stem + ".") && !f.equals(out));
        }
    }

    @Test
    void theParserJoinsContinuationsAndExpandsVariables() {
        List<String> readme = List.of("text ./xai not-in-a-block", "```bash", "m=models", "$ ./xai explain --model $m/a.onnx \\",
                "    --out x.npy   # a comment", "./xai info --model b.onnx", "```");
        assertEquals(List.of(List.of("explain", "--model", "models/a.onnx", "--out", "x.npy"), List.of("info", "--model", "b.onnx")),
                commands(readme));
    }
}
