package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.uncertainty.DeepEnsemble;
import org.xai4j.explain.uncertainty.MonteCarloDropout;
import org.xai4j.explain.uncertainty.PredictiveMoments;
import org.xai4j.explain.uncertainty.UncertaintyOptions;
import org.xai4j.explain.uncertainty.VarianceKind;

/**
 * {@code xai uncertainty} on a PyTorch MLP with two Dropout(0.2) layers and a log-variance head
 * (explain's uncertainty/make_fixture.py): the files hold what the library computes, for any batch size
 * and thread count, and a question the model cannot answer is refused.
 */
class CliUncertaintyTest {
    @TempDir Path tmp;

    static Path resource(String name) {
        try {
            return Paths.get(CliUncertaintyTest.class.getResource("/uncertainty/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String MODEL = resource("mlp_dropout_logvar.onnx").toString(), INPUT = resource("input.npy").toString();

    CliRunner.Result uncertainty(String tag, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("uncertainty", "--model", MODEL, "--input", INPUT,
                "--out", tmp.resolve(tag + "_mean.npy").toString(), "--epistemic-out", tmp.resolve(tag + "_e.npy").toString(),
                "--aleatoric-out", tmp.resolve(tag + "_a.npy").toString(), "--total-out", tmp.resolve(tag + "_t.npy").toString(),
                "--std-out", tmp.resolve(tag + "_s.npy").toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void writesTheLibrarysMomentsForAnyBatchSizeAndThreadCount() throws Exception {
        CliRunner.Result r = uncertainty("a", "--variance-output", "logvar", "--mc-dropout", "300", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("uncertainty: 5 sample(s), 1 model(s), 300 pass(es) (seed 5)"), r.err());
        var model = OnnxModelLoader.load(Path.of(MODEL));
        HostArray x = Npy.read(Path.of(INPUT));
        PredictiveMoments p = MonteCarloDropout.estimate(model, List.of(Tensor.of(x.toFloatArray(), x.shape())),
                UncertaintyOptions.monteCarlo(300, 5).withVarianceHead(1, VarianceKind.LOGVAR), null);
        float[] e = read(tmp.resolve("a_e.npy")), a = read(tmp.resolve("a_a.npy")), t = read(tmp.resolve("a_t.npy")),
                s = read(tmp.resolve("a_s.npy")), mean = read(tmp.resolve("a_mean.npy"));
        for (int n = 0; n < 5; n++) {
            assertEquals((float) p.mean()[n], mean[n], 0);
            assertEquals((float) p.epistemic()[n], e[n], 0);
            assertEquals((float) p.aleatoric()[n], a[n], 0);
            assertEquals(e[n] + a[n], t[n], 1e-6f * t[n]);
            assertEquals(Math.sqrt(t[n]), s[n], 1e-6 * s[n]);
        }
        assertEquals(0, uncertainty("b", "--variance-output", "1", "--mc-dropout", "300", "--seed", "5",
                "--batch-size", "7", "--threads", "1").code());
        assertArrayEquals(mean, read(tmp.resolve("b_mean.npy")), 0);
        assertArrayEquals(e, read(tmp.resolve("b_e.npy")), 0);
        assertArrayEquals(a, read(tmp.resolve("b_a.npy")), 0);
    }

    @Test
    void anEnsembleOfIdenticalMembersWithoutDropoutHasNoEpistemicVariance() throws Exception {
        CliRunner.Result r = uncertainty("ens", "--model", MODEL, "--variance-output", "logvar", "--mc-dropout", "0");
        assertEquals(0, r.code(), r.err());
        var model = OnnxModelLoader.load(Path.of(MODEL));
        HostArray x = Npy.read(Path.of(INPUT));
        var out = model.run(List.of(Tensor.of(x.toFloatArray(), x.shape())), org.xai4j.engine.nn.RunOptions.INFERENCE);
        float[] mean = out.output(0).toArray(), logvar = out.output(1).toArray();
        float[] gotMean = read(tmp.resolve("ens_mean.npy")), e = read(tmp.resolve("ens_e.npy")), a = read(tmp.resolve("ens_a.npy"));
        for (int n = 0; n < 5; n++) {
            assertEquals(mean[n], gotMean[n], 0);
            assertEquals(0f, e[n], 0);
            assertEquals(Math.exp(logvar[n]), a[n], 1e-6 * a[n]);
        }
    }

    @Test
    void anEnsembleWithDropoutIsTheMixtureOfItsMembers() throws Exception {
        CliRunner.Result r = uncertainty("mix", "--model", MODEL, "--variance-output", "logvar", "--mc-dropout", "50");
        assertEquals(0, r.code(), r.err());
        var model = OnnxModelLoader.load(Path.of(MODEL));
        HostArray x = Npy.read(Path.of(INPUT));
        var o = UncertaintyOptions.monteCarlo(50, 0).withVarianceHead(1, VarianceKind.LOGVAR);
        PredictiveMoments p = DeepEnsemble.estimate(List.of(model, model), List.of(Tensor.of(x.toFloatArray(), x.shape())), List.of(o, o), null);
        float[] e = read(tmp.resolve("mix_e.npy"));
        for (int n = 0; n < 5; n++) assertEquals((float) p.epistemic()[n], e[n], 0);
        // members of the same architecture draw different masks, so the mixture's mean differs from one member's
        PredictiveMoments one = MonteCarloDropout.estimate(model, List.of(Tensor.of(x.toFloatArray(), x.shape())), o, null);
        assertTrue(one.mean()[0] != p.mean()[0]);
    }

    @Test
    void refusesWhenThereIsNothingToEstimate() throws Exception {
        Path out = tmp.resolve("m.npy");
        CliRunner.Result r = run("uncertainty", "--model", example("model.onnx").toString(), "--input",
                example("input.npy").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("xai: ") && r.err().contains("has no Dropout node and no --variance-output"), r.err());
        assertTrue(!Files.exists(out));
        r = run("uncertainty", "--model", example("model.onnx").toString(), "--input", example("input.npy").toString(),
                "--out", out.toString(), "--mc-dropout", "10", "--variance-output", "0", "--output", "1");
        assertEquals(2, r.code());
        r = run("uncertainty", "--model", MODEL, "--input", INPUT, "--out", out.toString(), "--mc-dropout", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("dropout off"), r.err());
        r = run("uncertainty", "--model", MODEL, "--input", INPUT, "--out", out.toString(), "--variance-output", "sigma");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--variance-output sigma") && r.err().contains("[mean, logvar]"), r.err());
        r = run("uncertainty", "--model", MODEL, "--input", INPUT, "--out", out.toString(), "--variance-kind", "precision");
        assertEquals(2, r.code());
        // ensemble members must accept the same inputs: the blobs model is fine with them, but its outputs differ in shape
        r = run("uncertainty", "--model", MODEL, "--model", example("model.onnx").toString(), "--input", INPUT, "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("members must agree"), r.err());
    }
}
