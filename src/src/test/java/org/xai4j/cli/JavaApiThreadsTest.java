package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.api.Attribution;
import org.xai4j.api.Inputs;
import org.xai4j.api.Method;
import org.xai4j.api.Model;
import org.xai4j.explain.registry.MethodExtra;
import org.xai4j.explain.registry.MethodOptions;
import org.xai4j.explain.registry.MethodRegistry;

/**
 * Issue 16's embedding promise: every registered method, configured through the public API
 * ({@link Method#named} and {@code with}), on models loaded once and shared, gives from 8 threads at once
 * the bits a sequential run gives, and those are the bits {@code xai explain} writes (attributions and
 * convergence deltas) for the same options.
 */
class JavaApiThreadsTest {
    @TempDir
    Path tmp;

    /** One method's case: the fixture it runs on, its CLI options, and the same options through the API. */
    private record Case(String method, Path model, Path input, List<String> cliOptions, Method api) {}

    private static Case make(String method) throws Exception {
        // as CliDeterminismTest: CAM needs image_cnn's pooled classifier; the other layer methods the 1-D dna_cnn
        boolean layer = MethodRegistry.get(method).takes(MethodOptions.LAYER);
        String fixture = method.equals("cam") ? "image_cnn" : layer ? "dna_cnn" : "iris_mlp";
        Path model = method.equals("linear-shap") ? CliHostileModelsTest.hostile("linear.onnx") : CliRunner.captum(fixture, "model.onnx");
        Path input = CliRunner.captum(fixture, "input.npy");
        Method api = Method.named(method).withSeed(3);
        List<String> cli = new ArrayList<>(List.of("--seed", "3"));
        switch (method) {
            case "occlusion" -> {
                api = api.with(MethodOptions.WINDOW, new int[] {2}).with(MethodOptions.STRIDE, new int[] {1});
                cli.addAll(List.of("--window", "2", "--stride", "1"));
            }
            case "linear-shap" -> {
                api = api.with(MethodOptions.BACKGROUND, Inputs.npy(input));
                cli.addAll(List.of("--background", input.toString()));
            }
            case "gradient-shap" -> {
                api = api.with(MethodOptions.SAMPLES, 5);
                cli.addAll(List.of("--samples", "5"));
            }
            case "smoothgrad", "smoothgrad-sq", "vargrad" -> {
                api = api.with(MethodOptions.SAMPLES, 4).with(MethodOptions.STDEV, 0.2f);
                cli.addAll(List.of("--samples", "4", "--stdev", "0.2"));
            }
            case "shapley-sampling" -> {
                api = api.with(MethodOptions.SAMPLES, 3);
                cli.addAll(List.of("--samples", "3"));
            }
            case "kernel-shap", "lime" -> {
                api = api.with(MethodOptions.SAMPLES, 40);
                cli.addAll(List.of("--samples", "40"));
            }
            case "integrated-gradients" -> {
                api = api.with(MethodOptions.STEPS, 16).withBatchSize(7);
                cli.addAll(List.of("--steps", "16", "--batch-size", "7"));
            }
            default -> {
                if (method.startsWith("neuron-")) {
                    api = api.with(MethodOptions.NEURON_LAYER, "/net/net.1/Relu_output_0").with(MethodOptions.NEURON_INDEX, new int[] {3});
                    cli.addAll(List.of("--neuron-layer", "/net/net.1/Relu_output_0", "--neuron-index", "3"));
                }
            }
        }
        return new Case(method, model, input, cli, api);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyMethodFromEightThreadsEqualsTheSequentialRunAndTheCli() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String m : MethodRegistry.names()) cases.add(make(m));
        Map<Path, Model> models = new HashMap<>();
        Map<Path, Inputs> inputs = new HashMap<>();
        for (Case c : cases) {
            models.computeIfAbsent(c.model(), Model::load);
            inputs.computeIfAbsent(c.input(), Inputs::npy);
        }
        // the sequential runs, each checked against xai explain's files
        Map<String, Attribution> sequential = new LinkedHashMap<>();
        int deltas = 0;
        for (Case c : cases) {
            Attribution a = c.api().attribute(models.get(c.model()), inputs.get(c.input()));
            sequential.put(c.method(), a);
            Path out = tmp.resolve(c.method() + ".npy"), deltaOut = tmp.resolve(c.method() + "_delta.npy");
            List<String> args = new ArrayList<>(List.of("explain", "--method", c.method(), "--model", c.model().toString(),
                    "--input", c.input().toString(), "--out", out.toString(), "--quiet"));
            args.addAll(c.cliOptions());
            boolean delta = MethodRegistry.get(c.method()).has(MethodExtra.CONVERGENCE_DELTA);
            if (delta) args.addAll(List.of("--delta-out", deltaOut.toString()));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), c.method() + ": " + r.err());
            assertArrayEquals(CliRunner.shape(out), a.shape(), c.method() + " shape");
            assertArrayEquals(CliRunner.read(out), a.data(), 0f, c.method() + " attributions against xai explain");
            if (delta) {
                assertArrayEquals(CliRunner.read(deltaOut), a.convergenceDelta(), 0f, c.method() + " delta against xai explain");
                deltas++;
            }
        }
        // every method twice, 8 threads at once, on the shared models and inputs
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Attribution>> runs = new ArrayList<>();
            for (int k = 0; k < 2 * cases.size(); k++) {
                Case c = cases.get(k % cases.size());
                runs.add(pool.submit(() -> c.api().attribute(models.get(c.model()), inputs.get(c.input()))));
            }
            for (int k = 0; k < runs.size(); k++) {
                String m = cases.get(k % cases.size()).method();
                Attribution got = runs.get(k).get(), want = sequential.get(m);
                assertArrayEquals(want.data(), got.data(), 0f, "run " + k + " (" + m + ") against the sequential run");
                if (want.convergenceDelta() != null) assertArrayEquals(want.convergenceDelta(), got.convergenceDelta(), 0f, m + " delta");
            }
            assertEquals(2 * cases.size(), runs.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(MethodRegistry.names().size(), sequential.size());
        assertEquals(40, sequential.size()); // every registered method (CliDeterminismTest counts the same 40)
        assertEquals(5, deltas); // integrated-gradients, deeplift, deeplift-shap, layer-integrated-gradients, layer-conductance
    }
}
