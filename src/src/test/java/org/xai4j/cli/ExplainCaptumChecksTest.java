package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.relativeL2;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every "explain" check of the Captum reference folders (checks.json), run through the command line
 * exactly as written there, against Captum 0.7's numbers: relative L2 error at most 1e-3.
 */
class ExplainCaptumChecksTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> captumChecks() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String model : List.of("iris_mlp", "dna_cnn", "image_cnn")) {
            Path dir = captum(model, "checks.json").getParent();
            for (Map<String, Object> check : CliRunner.captumChecks(model, "checks.json")) {
                if (!"explain".equals(check.get("command"))) continue;
                String name = model + "/" + check.get("name");
                tests.add(DynamicTest.dynamicTest(name, () -> runCheck(dir, check, name)));
            }
        }
        assertEquals(24, tests.size(), "explain checks in the Captum fixtures");
        return tests.stream();
    }

    private void runCheck(Path dir, Map<String, Object> check, String name) throws Exception {
        CliRunner.CaptumOutcome o = CliRunner.runCaptumCheck(dir, check, name, tmp);
        double err = relativeL2(o.got(), o.want());
        System.out.printf("captum check %-32s relative L2 error %.2e%n", name, err);
        assertTrue(err <= 1e-3, name + ": relative L2 error " + err);
    }
}
