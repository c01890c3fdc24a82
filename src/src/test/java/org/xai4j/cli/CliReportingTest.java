package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What the command line tells the user: the layer --layer auto chose, run estimates, and every option's default in --help. */
class CliReportingTest {
    @TempDir
    Path tmp;

    @Test
    void layerAutoNamesTheLayerItChose() {
        Path out = tmp.resolve("cam.npy");
        String[] args = {"explain", "--model", captum("dna_cnn", "model.onnx").toString(), "--input", captum("dna_cnn", "input.npy").toString(),
                "--method", "grad-cam", "--out", out.toString()};
        CliRunner.Result r = run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals("xai: --layer auto chose /r2/Relu_output_0 (4, 16, 25)", r.errLines()[0]);
        assertTrue(r.errLines()[1].startsWith("xai: wrote " + out + ": (4, 1, 25) float32 in "), r.err());
        assertEquals("", run(CliReadersTest.concat(args, "--quiet")).err());
    }

    static ExplainOptions options(String method) {
        ExplainOptions o = new ExplainOptions();
        o.method = method;
        return o;
    }

    @Test
    void modelRowsPerMethodFollowEachAlgorithm() throws Exception {
        assertEquals(6 * 50, RunEstimate.rows(options("integrated-gradients"), new int[] {6, 4}));
        ExplainOptions occlusion = options("occlusion");
        occlusion.window = new int[] {3, 8, 8};
        occlusion.stride = new int[] {3, 4, 4};
        // windows per axis: (3-3)/3+1 = 1, (32-8)/4+1 = 7, 7: 49 occluded copies and the unoccluded input, per row
        assertEquals(2 * 50, RunEstimate.rows(occlusion, new int[] {2, 3, 32, 32}));
        // SHAP's automatic sample count 2M + 2048 coalitions, plus the empty and full ones, per row
        assertEquals(2 * (2 * 3072 + 2048 + 2), RunEstimate.rows(options("kernel-shap"), new int[] {2, 3, 32, 32}));
        ExplainOptions few = options("kernel-shap");
        assertEquals(6 * (14 + 2), RunEstimate.rows(few, new int[] {6, 4}), "capped at 2^M - 2 coalitions");
        assertEquals(6 * 16, RunEstimate.rows(options("shapley-exact"), new int[] {6, 4}));
        assertEquals(6 * 25 * 5, RunEstimate.rows(options("shapley-sampling"), new int[] {6, 4}));
        assertEquals(6 * 1000, RunEstimate.rows(options("lime"), new int[] {6, 4}));
        ExplainOptions tunnel = options("smoothgrad");
        tunnel.baseMethod = "integrated-gradients";
        tunnel.samples = 10;
        assertEquals(6 * 10 * 50, RunEstimate.rows(tunnel, new int[] {6, 4}));
        assertEquals(-1, RunEstimate.rows(options("shapley-exact"), new int[] {1, 3, 32, 32}), "refused by the method");
    }

    @Test
    void theHeartbeatLineSaysTimeSoFarAndTheEstimate() {
        assertEquals("xai: kernel-shap: 20s so far (about 1m35s estimated)", Heartbeat.line("kernel-shap", 20, 95.0));
    }

    @Test
    void everyOptionShowsItsDefaultInHelp() {
        CommandLine cl = new CommandLine(new Main());
        Commands.register(cl);
        List<String> missing = new ArrayList<>();
        for (CommandLine sub : cl.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                boolean flag = o.typeInfo().isBoolean() || o.usageHelp() || o.versionHelp();
                String text = String.join(" ", o.description());
                if (!o.required() && !flag && !text.contains("default")) missing.add(sub.getCommandName() + " " + o.longestName());
            }
        }
        assertEquals(List.of(), missing, "options whose --help gives no default");
    }
}
