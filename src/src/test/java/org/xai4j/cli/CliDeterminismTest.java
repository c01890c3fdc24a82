package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.backend.Parallel;

/**
 * The determinism matrix (issue 18): every explanation method, with a seed, gives byte-identical files
 * for --threads 1, 2, 8 and --batch-size 1, 7, 64 (the engine's reductions have a fixed order whatever
 * the thread count, and batches never mix rows). Nine runs per method, 22 methods.
 */
class CliDeterminismTest {
    @TempDir
    Path tmp;

    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterAll
    static void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    /** The options a method needs beyond the model, input and seed. */
    private static List<String> extra(String method) {
        switch (method) {
            case "occlusion": return List.of("--window", "2", "--stride", "1");
            case "linear-shap": return List.of("--background", captum("iris_mlp", "input.npy").toString());
            case "gradient-shap": return List.of("--samples", "5");
            case "smoothgrad": case "smoothgrad-sq": case "vargrad": return List.of("--samples", "4", "--stdev", "0.2");
            case "shapley-sampling": return List.of("--samples", "3");
            case "kernel-shap": case "lime": return List.of("--samples", "40");
            case "integrated-gradients": return List.of("--steps", "16");
            default:
                // the neuron methods explain unit 3 of iris_mlp's first hidden ReLU
                return method.startsWith("neuron-") ? List.of("--neuron-layer", "/net/net.1/Relu_output_0", "--neuron-index", "3") : List.of();
        }
    }

    /** y = x W + b on iris-shaped rows (linear-shap refuses a model that is not linear). */
    private static String linearModel() throws Exception {
        return CliHostileModelsTest.hostile("linear.onnx").toString();
    }

    private static boolean convolutional(String method) {
        // the CAM and layer methods take --layer (auto: the last convolutional map)
        return MethodFactory.spec(method).takes(org.xai4j.explain.registry.MethodOptions.LAYER);
    }

    @Test
    void everyMethodIsByteIdenticalAcrossThreadsAndBatchSizes() throws Exception {
        int methods = 0, runs = 0;
        for (String method : org.xai4j.explain.registry.MethodRegistry.names()) {
            // CAM needs a global-average-pooled classifier (image_cnn); the other layer methods take the 1-D dna_cnn
            String model = method.equals("cam") ? "image_cnn" : convolutional(method) ? "dna_cnn" : "iris_mlp";
            byte[] reference = null;
            for (String threads : List.of("1", "2", "8")) {
                for (String batch : List.of("1", "7", "64")) {
                    Path out = tmp.resolve(method + "_" + threads + "_" + batch + ".npy");
                    String modelFile = method.equals("linear-shap") ? linearModel() : captum(model, "model.onnx").toString();
                    List<String> a = new ArrayList<>(List.of("explain", "--method", method, "--model", modelFile,
                            "--input", captum(model, "input.npy").toString(), "--out", out.toString(), "--seed", "3",
                            "--threads", threads, "--batch-size", batch));
                    a.addAll(extra(method));
                    CliRunner.Result r = run(a.toArray(String[]::new));
                    assertEquals(0, r.code(), method + " --threads " + threads + " --batch-size " + batch + ": " + r.err());
                    byte[] got = Files.readAllBytes(out);
                    if (reference == null) reference = got;
                    else assertArrayEquals(reference, got, method + " --threads " + threads + " --batch-size " + batch);
                    runs++;
                }
            }
            methods++;
        }
        assertEquals(40, methods); // every registered method: 22 before issue 14, its 8 layer and 8 neuron methods, deeplift-shap and lrp
        assertEquals(40 * 9, runs);
    }

    @Test
    void theSeedMattersWhereTheMethodSamples() throws Exception {
        // (not kernel-shap: with 4 features its 40 samples enumerate every coalition, which no seed changes)
        for (String method : List.of("smoothgrad", "gradient-shap", "shapley-sampling", "lime", "feature-permutation")) {
            byte[][] got = new byte[2][];
            for (int s = 0; s < 2; s++) {
                Path out = tmp.resolve(method + "_seed" + s + ".npy");
                List<String> a = new ArrayList<>(List.of("explain", "--method", method, "--model", captum("iris_mlp", "model.onnx").toString(),
                        "--input", captum("iris_mlp", "input.npy").toString(), "--out", out.toString(), "--seed", Integer.toString(s + 1)));
                a.addAll(extra(method));
                assertEquals(0, run(a.toArray(String[]::new)).code(), method);
                got[s] = Files.readAllBytes(out);
            }
            assertFalse(java.util.Arrays.equals(got[0], got[1]), method + ": seeds 1 and 2 gave the same bytes");
        }
    }
}
