package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xai4j.engine.backend.Backends;

/** {@code --device}: cpu is the default and changes nothing; a GPU that is not usable is a usage error saying why. */
class CliDeviceTest {
    @TempDir Path tmp;

    private static String cudaLine() {
        return Backends.describeProviders().stream().filter(l -> l.startsWith("cuda: ")).findFirst().orElseThrow();
    }

    @Test
    void cpuIsTheDefaultAndGivesTheSameBits() throws Exception {
        Path a = tmp.resolve("a.npy"), b = tmp.resolve("b.npy");
        String[] common = {"predict", "--model", example("model.onnx").toString(), "--input", example("input.npy").toString()};
        assertEquals(0, run(concat(common, "--out", a.toString())).code());
        CliRunner.Result r = run(concat(common, "--out", b.toString(), "--device", "cpu"));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(read(a), read(b));
    }

    @Test
    void cudaWithoutAUsableGpuIsOneLineExitTwoAndWritesNothing() {
        assumeFalse(Backends.available().contains("cuda"), "a GPU is usable here");
        String reason = cudaLine().substring("cuda: not usable: ".length());
        Path out = tmp.resolve("attr.npy");
        CliRunner.Result r = run("explain", "--model", captum("iris_mlp", "model.onnx").toString(),
                "--input", captum("iris_mlp", "input.npy").toString(), "--method", "saliency",
                "--out", out.toString(), "--device", "cuda");
        assertEquals(Main.USAGE, r.code());
        assertArrayEquals(new String[] {"xai: --device cuda:0: " + reason}, r.errLines());
        assertFalse(Files.exists(out));
        assertEquals(0, tmp.toFile().list().length, "a file was written");
    }

    @Test
    void predictWithoutAUsableGpuWritesNothing() {
        assumeFalse(Backends.available().contains("cuda"), "a GPU is usable here");
        Path out = tmp.resolve("pred.npy");
        CliRunner.Result r = run("predict", "--model", example("model.onnx").toString(), "--input", example("input.npy").toString(),
                "--out", out.toString(), "--device", "cuda:1");
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("xai: --device cuda:1: "), r.err());
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris_mlp", "dna_cnn", "image_cnn"})
    void predictOnTheGpuReproducesPyTorch(String model) throws Exception {
        assumeTrue(Backends.available().contains("cuda"), "no usable GPU: " + cudaLine());
        Path out = tmp.resolve(model + ".npy");
        CliRunner.Result r = run("predict", "--model", captum(model, "model.onnx").toString(),
                "--input", captum(model, "input.npy").toString(), "--out", out.toString(), "--device", "cuda");
        assertEquals(0, r.code(), r.err());
        double err = CliRunner.relativeL2(read(out), read(captum(model, "expected_predict.npy")));
        assertTrue(err <= 1e-4, model + ": relative L2 error " + err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"saliency", "integrated-gradients", "guided-backprop"})
    void gradientMethodsOnTheGpuReproduceCaptum(String method) throws Exception {
        assumeTrue(Backends.available().contains("cuda"), "no usable GPU: " + cudaLine());
        String file = switch (method) {
            case "integrated-gradients" -> "expected_ig_gl50.npy";
            case "guided-backprop" -> "expected_guided_backprop.npy";
            default -> "expected_saliency.npy";
        };
        Path out = tmp.resolve(method + ".npy");
        CliRunner.Result r = run("explain", "--model", captum("image_cnn", "model.onnx").toString(),
                "--input", captum("image_cnn", "input.npy").toString(), "--target", captum("image_cnn", "target.npy").toString(),
                "--method", method, "--out", out.toString(), "--device", "cuda");
        assertEquals(0, r.code(), r.err());
        double err = CliRunner.relativeL2(read(out), read(captum("image_cnn", file)));
        assertTrue(err <= 1e-4, method + ": relative L2 error " + err);
    }

    @Test
    void methodsThatDoNotRunOnTheGpuRefuseItByName() {
        assumeTrue(Backends.available().contains("cuda"), "no usable GPU: " + cudaLine());
        Path out = tmp.resolve("attr.npy");
        CliRunner.Result r = run("explain", "--model", captum("iris_mlp", "model.onnx").toString(),
                "--input", captum("iris_mlp", "input.npy").toString(), "--method", "occlusion",
                "--out", out.toString(), "--device", "cuda");
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("xai: --device cuda:0: --method occlusion does not run on the GPU yet ("), r.err());
        assertFalse(Files.exists(out));
        CliRunner.Result info = run("info", "--model", captum("iris_mlp", "model.onnx").toString(), "--device", "cuda");
        assertArrayEquals(new String[] {"xai: --device cuda:0: this command does not run on the GPU yet (xai predict and xai explain do)"},
                info.errLines());
    }

    @Test
    void aBadDeviceNameIsAUsageError() {
        CliRunner.Result r = run("info", "--model", example("model.onnx").toString(), "--device", "gpu:1");
        assertEquals(Main.USAGE, r.code());
        assertArrayEquals(new String[] {"xai: --device: expected cpu, cuda or cuda:N, got 'gpu:1'"}, r.errLines());
    }

    @Test
    void versionListsTheGpusOrWhyNoneIsUsable() {
        CliRunner.Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("\n" + cudaLine() + "\n") || r.out().endsWith(cudaLine() + "\n"), r.out());
        // here the kernels are built (nvcc) and the reason is the driver; on a GPU machine the line lists devices
        assertTrue(cudaLine().matches("cuda: (not usable: .+|cuda:0 .+; GEMM: .+)"), cudaLine());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
