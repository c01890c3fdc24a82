package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.relativeL2;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * LRP's epsilon, gamma and z+ rules per layer type, through the command line, against Captum 0.7.0's LRP with
 * the same rules set on its modules (lrp_checks.json and expected_lrp_*.npy, written by
 * {@code captum/make_lrp_checks.py}): relative L2 error at most 1e-3 on the MLP and the image CNN; and a rule
 * on a layer type Captum gives none refused as a usage error.
 */
class LrpCaptumChecksTest {
    @TempDir
    Path tmp;

    /** The worst relative error per rule, printed once all checks have run (the report's figures). */
    private static final Map<String, Double> WORST = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicTest> captumLrpChecks() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String model : List.of("iris_mlp_layers", "image_cnn_layers")) {
            Path dir = captum(model, "lrp_checks.json").getParent();
            for (Map<String, Object> check : CliRunner.captumChecks(model, "lrp_checks.json")) {
                String name = model + "/" + check.get("name");
                tests.add(DynamicTest.dynamicTest(name, () -> runCheck(dir, check, name)));
            }
        }
        assertEquals(9, tests.size(), "LRP checks");
        return tests.stream();
    }

    private void runCheck(Path dir, Map<String, Object> check, String name) throws Exception {
        CliRunner.CaptumOutcome o = CliRunner.runCaptumCheck(dir, check, name, tmp);
        double err = relativeL2(o.got(), o.want());
        System.out.printf("captum check %-52s relative L2 error %.2e%n", name, err);
        String rule = check.get("name").toString().contains("alpha1_beta0") ? "alpha1-beta0 (z+)"
                : check.get("name").toString().contains("gamma") ? "gamma" : "epsilon";
        synchronized (WORST) {
            WORST.merge(rule, err, Math::max);
        }
        assertTrue(err <= 1e-3, name + ": relative L2 error " + err);
    }

    @AfterAll
    static void printWorst() {
        WORST.forEach((rule, err) -> System.out.printf("captum LRP %-18s worst relative L2 error %.2e%n", rule, err));
    }

    @Test
    void aRuleOnALayerTypeCaptumGivesNoneIsAUsageError() {
        Path dir = captum("iris_mlp_layers", "model.onnx").getParent();
        for (String[] c : new String[][] {
                {"relu=gamma", "Captum's LRP gives relu layers no rule"},
                {"sigmoid=epsilon", "Captum's LRP has no rule for layer type 'sigmoid'"},
                {"linear=beta", "unknown LRP rule 'beta'"},
                {"linear=gamma,linear=epsilon", "--lrp-rule names linear twice"}}) {
            CliRunner.Result r = run("explain", "--model", dir.resolve("model.onnx").toString(), "--input",
                    dir.resolve("input.npy").toString(), "--method", "lrp", "--lrp-rule", c[0], "--out", tmp.resolve("x.npy").toString());
            assertEquals(Main.USAGE, r.code(), c[0] + ": " + r.err());
            assertEquals(1, r.errLines().length, c[0] + ": one line, got " + r.err());
            assertTrue(r.err().startsWith("xai: ") && r.err().contains(c[1]), c[0] + ": " + r.err());
            assertTrue(!Files.exists(tmp.resolve("x.npy")), "nothing written");
        }
        CliRunner.Result r = run("explain", "--model", dir.resolve("model.onnx").toString(), "--input",
                dir.resolve("input.npy").toString(), "--method", "lrp", "--set-bias-to-zero", "--out", tmp.resolve("x.npy").toString());
        assertEquals(Main.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--set-bias-to-zero applies to the gamma and alpha1-beta0 rules"), r.err());
    }
}
