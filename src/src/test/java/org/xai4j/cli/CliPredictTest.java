package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.relativeL2;
import static org.xai4j.cli.CliRunner.run;
import static org.xai4j.cli.CliRunner.shape;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

/** {@code xai predict} against PyTorch's outputs: the shipped example and the Captum reference models. */
class CliPredictTest {
    @TempDir Path tmp;

    @Test
    void predictsTheShippedExampleAsPyTorchDoes() throws Exception {
        Path out = tmp.resolve("pred.npy");
        CliRunner.Result r = run("predict", "--model", example("model.onnx").toString(),
                "--input", example("input.npy").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        // one line on success, the README's example of it
        assertTrue(r.err().matches("xai: wrote \\Q" + out + "\\E: \\(8, 3\\) float32 in \\d+\\.\\d\\d s\\R"), r.err());
        assertEquals("", run("predict", "--model", example("model.onnx").toString(), "--input", example("input.npy").toString(),
                "--out", out.toString(), "--quiet").err(), "--quiet silences it");
        assertArrayEquals(new int[] {8, 3}, shape(out));
        double err = relativeL2(read(out), read(example("expected_predict.npy")));
        assertTrue(err <= 1e-4, "relative L2 error " + err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris_mlp", "dna_cnn", "image_cnn"})
    void reproducesCaptumReferencePredictions(String model) throws Exception {
        Path out = tmp.resolve(model + ".npy");
        CliRunner.Result r = run("predict", "--model", captum(model, "model.onnx").toString(),
                "--input", captum(model, "input.npy").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path expected = captum(model, "expected_predict.npy");
        assertArrayEquals(shape(expected), shape(out));
        double err = relativeL2(read(out), read(expected));
        assertTrue(err <= 1e-4, model + ": relative L2 error " + err);
    }

    @Test
    void float64AndIntegerInputsAreConvertedToFloat32() throws Exception {
        Path x = example("input.npy");
        float[] values = read(x);
        int[] shape = shape(x);
        double[] asDouble = new double[values.length];
        long[] asLong = new long[values.length];
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            asDouble[i] = values[i];
            asLong[i] = Math.round(values[i]);
            rounded[i] = asLong[i];
        }
        Path x64 = tmp.resolve("x64.npy"), xInt = tmp.resolve("xint.npy"), xRounded = tmp.resolve("xr.npy");
        Npy.write(x64, HostArray.ofDouble(shape, asDouble));
        Npy.write(xInt, HostArray.ofLong(shape, asLong));
        Npy.write(xRounded, HostArray.ofFloat(shape, rounded));
        String model = example("model.onnx").toString();
        Path y32 = tmp.resolve("y32.npy"), y64 = tmp.resolve("y64.npy"), yInt = tmp.resolve("yint.npy"), yRounded = tmp.resolve("yr.npy");
        assertEquals(0, run("predict", "--model", model, "--input", x.toString(), "--out", y32.toString()).code());
        assertEquals(0, run("predict", "--model", model, "--input", x64.toString(), "--out", y64.toString()).code());
        assertEquals(0, run("predict", "--model", model, "--input", xInt.toString(), "--out", yInt.toString()).code());
        assertEquals(0, run("predict", "--model", model, "--input", xRounded.toString(), "--out", yRounded.toString()).code());
        assertArrayEquals(read(y32), read(y64), 0f);
        assertArrayEquals(read(yRounded), read(yInt), 0f);
        assertEquals(org.xai4j.engine.io.DType.FLOAT32, Npy.read(yInt).dtype());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        Path one = tmp.resolve("one.npy"), four = tmp.resolve("four.npy");
        String model = captum("image_cnn", "model.onnx").toString(), x = captum("image_cnn", "input.npy").toString();
        assertEquals(0, run("predict", "--threads", "1", "--model", model, "--input", x, "--out", one.toString()).code());
        assertEquals(0, run("predict", "--threads", "4", "--model", model, "--input", x, "--out", four.toString()).code());
        assertArrayEquals(read(one), read(four), 0f);
    }

    @Test
    void mcDropoutMatchesTheReferenceMeanAndStd() throws Exception {
        Path mean = tmp.resolve("mean.npy"), std = tmp.resolve("std.npy");
        CliRunner.Result r = run("predict", "--model", captum("mc_dropout_mlp", "model.onnx").toString(),
                "--input", captum("mc_dropout_mlp", "input.npy").toString(), "--out", mean.toString(),
                "--mc-dropout", "2000", "--seed", "3", "--std-out", std.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.errLines();
        assertEquals(3, lines.length, r.err());
        assertTrue(lines[0].startsWith("xai: wrote " + mean + ": (5, 1) float32 in "), lines[0]);
        assertTrue(lines[1].startsWith("xai: wrote " + std + ": (5, 1) float32 in "), lines[1]);
        assertTrue(lines[2].startsWith("mc-dropout: 2000 passes (seed 3) in "), lines[2]);
        assertTrue(lines[2].contains("output [5,1]"), lines[2]);
        float[] gotMean = read(mean), gotStd = read(std);
        float[] refMean = read(captum("mc_dropout_mlp", "expected_mean.npy"));
        float[] refStd = read(captum("mc_dropout_mlp", "expected_std.npy"));
        assertEquals(refMean.length, gotMean.length);
        for (int i = 0; i < refMean.length; i++) {
            double standardError = refStd[i] / Math.sqrt(2000);
            assertTrue(Math.abs(gotMean[i] - refMean[i]) <= 5 * standardError,
                    "row " + i + ": mean " + gotMean[i] + " vs " + refMean[i] + " (standard error " + standardError + ")");
            assertEquals(refStd[i], gotStd[i], 0.10 * refStd[i], "row " + i + ": std");
        }
        // with dropout active the passes differ: the mean is not the inference output
        Path plain = tmp.resolve("plain.npy");
        assertEquals(0, run("predict", "--model", captum("mc_dropout_mlp", "model.onnx").toString(),
                "--input", captum("mc_dropout_mlp", "input.npy").toString(), "--out", plain.toString()).code());
        assertFalse(java.util.Arrays.equals(read(plain), gotMean));
    }

    @Test
    void mcDropoutIsReproducibleForASeedAndChangesWithIt() throws Exception {
        String model = captum("mc_dropout_mlp", "model.onnx").toString(), x = captum("mc_dropout_mlp", "input.npy").toString();
        Path a = tmp.resolve("a.npy"), b = tmp.resolve("b.npy"), c = tmp.resolve("c.npy");
        assertEquals(0, run("predict", "--model", model, "--input", x, "--out", a.toString(), "--mc-dropout", "50", "--seed", "9").code());
        assertEquals(0, run("predict", "--model", model, "--input", x, "--out", b.toString(), "--mc-dropout", "50", "--seed", "9", "--threads", "1").code());
        assertEquals(0, run("predict", "--model", model, "--input", x, "--out", c.toString(), "--mc-dropout", "50", "--seed", "10").code());
        assertArrayEquals(read(a), read(b), 0f);
        assertFalse(java.util.Arrays.equals(read(a), read(c)));
    }

    @Test
    void mcDropoutOnAModelWithoutDropoutWarnsAndHasZeroStd() throws Exception {
        Path mean = tmp.resolve("mean.npy"), std = tmp.resolve("std.npy"), plain = tmp.resolve("plain.npy");
        String model = example("model.onnx").toString(), x = example("input.npy").toString();
        CliRunner.Result r = run("predict", "--model", model, "--input", x, "--out", mean.toString(),
                "--mc-dropout", "3", "--std-out", std.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("has no Dropout node"), r.err());
        assertEquals(0, run("predict", "--model", model, "--input", x, "--out", plain.toString()).code());
        assertArrayEquals(read(plain), read(mean), 1e-5f);
        for (float s : read(std)) assertEquals(0f, s, 1e-5f);
    }

    @Test
    void mcDropoutOptionsAreChecked() {
        String model = example("model.onnx").toString(), x = example("input.npy").toString();
        Path out = tmp.resolve("y.npy");
        CliRunner.Result one = run("predict", "--model", model, "--input", x, "--out", out.toString(), "--mc-dropout", "1");
        assertEquals(2, one.code());
        assertEquals("xai: --mc-dropout must be between 2 and 10000000, got 1", one.errLines()[0]);
        CliRunner.Result std = run("predict", "--model", model, "--input", x, "--out", out.toString(), "--std-out", "s.npy");
        assertEquals(2, std.code());
        assertEquals("xai: --std-out needs --mc-dropout", std.errLines()[0]);
        assertFalse(Files.exists(out));
    }
}
