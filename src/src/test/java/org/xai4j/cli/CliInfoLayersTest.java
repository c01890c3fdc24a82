package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.run;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code xai info} and {@code xai layers}: the lines they print for known models. */
class CliInfoLayersTest {
    @Test
    void infoDescribesTheExample() {
        CliRunner.Result r = run("info", "--model", example("model.onnx").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        // 4*16+16 + 16*16+16 + 16*3+3 = 403 weights and biases
        assertEquals(List.of(
                "model: " + example("model.onnx"),
                "producer: pytorch 1.13.0",
                "opset: 13 (ir version 7)",
                "inputs:",
                "  features float32 [batch,4]",
                "outputs:",
                "  logits float32 [batch,3]",
                "ops: 5 nodes",
                "  Gemm 3",
                "  Relu 2",
                "parameters: 403 in 6 float initializer(s)"), lines);
        assertEquals("", r.err());
    }

    @Test
    void infoCountsOpsAndParametersOfACnn() {
        CliRunner.Result r = run("info", "--model", captum("image_cnn", "model.onnx").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("  input float32 [batch,3,32,32]"), r.out());
        assertTrue(lines.contains("  output float32 [batch,5]"), r.out());
        assertTrue(lines.contains("ops: 8 nodes"), r.out());
        assertTrue(lines.contains("  Conv 2"), r.out());
        assertTrue(lines.contains("  GlobalAveragePool 1"), r.out());
        // conv1 3->8 k3 (216+8), conv2 8->16 k3 (1152+16), linear 16->5 (80+5)
        assertTrue(lines.contains("parameters: 1477 in 6 float initializer(s)"), r.out());
    }

    @Test
    void infoShowsTheDropoutNodesOfTheMcDropoutModel() {
        CliRunner.Result r = run("info", "--model", captum("mc_dropout_mlp", "model.onnx").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().toList().contains("  Dropout 2"), r.out());
        assertTrue(r.out().lines().toList().contains("  input float32 [batch,8]"), r.out());
    }

    @Test
    void layersListsEveryNamedTensorInComputationOrder() {
        CliRunner.Result r = run("layers", "--model", example("model.onnx").toString(), "--input", example("input.npy").toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().map(l -> l.trim().replaceAll(" {2,}", " | ")).toList();
        assertEquals(List.of(
                "features | [8,4] | input",
                "/0/Gemm_output_0 | [8,16] | Gemm",
                "/1/Relu_output_0 | [8,16] | Relu",
                "/2/Gemm_output_0 | [8,16] | Gemm",
                "/3/Relu_output_0 | [8,16] | Relu",
                "logits | [8,3] | Gemm, output"), rows);
    }

    @Test
    void layersOfTheImageCnnFollowTheInputBatch() {
        CliRunner.Result r = run("layers", "--model", captum("image_cnn", "model.onnx").toString(),
                "--input", captum("image_cnn", "input.npy").toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().map(l -> l.trim().replaceAll(" {2,}", " | ")).toList();
        assertEquals(9, rows.size(), r.out());
        assertEquals("input | [2,3,32,32] | input", rows.get(0));
        assertTrue(rows.contains("/r2/Relu_output_0 | [2,16,16,16] | Relu"), r.out());
        assertTrue(rows.contains("/p1/MaxPool_output_0 | [2,8,16,16] | MaxPool"), r.out());
        assertEquals("output | [2,5] | Gemm, output", rows.get(8));
    }
}
