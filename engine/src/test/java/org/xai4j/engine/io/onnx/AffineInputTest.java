package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.engine.io.onnx.ModelSpec.Attr;
import static org.xai4j.engine.io.onnx.ModelSpec.Init;
import static org.xai4j.engine.io.onnx.ModelSpec.Node;
import static org.xai4j.engine.io.onnx.ModelSpec.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.nn.AffineInput;

/**
 * {@link OnnxGraphModel#affineInput}: a first Conv, Gemm or MatMul that alone reads the only input, with
 * constant weights, and nothing that only looks like one.
 */
class AffineInputTest {
    @TempDir
    Path dir;
    private int models;

    /** x (N, 2, 4, 4) or (N, 4) -> first node(s) -> Relu -> y, as {@code build} makes it. */
    private Optional<AffineInput> find(boolean image, Consumer<ModelSpec> build) throws IOException {
        ModelSpec m = new ModelSpec();
        m.inputs.add(image ? new Value("x", OnnxTensor.FLOAT, OpModels.BATCH, 2, 4, 4) : new Value("x", OnnxTensor.FLOAT, OpModels.BATCH, 4));
        m.outputs.add(new Value("y", OnnxTensor.FLOAT, (long[]) null));
        build.accept(m);
        m.nodes.add(new Node("Relu", "relu", List.of("z"), List.of("y")));
        Path file = dir.resolve("m" + models++ + ".onnx");
        Files.write(file, m.encode());
        return OnnxModelLoader.load(file).affineInput();
    }

    private static Node conv(String... in) {
        return new Node("Conv", "conv", List.of(in), List.of("z")).attr(Attr.ints("kernel_shape", 3, 3))
                .attr(Attr.ints("pads", 1, 1, 1, 1)).attr(Attr.i("group", 1));
    }

    private static void convWeights(ModelSpec m) {
        m.initializers.add(Init.floats("w", new long[] {3, 2, 3, 3}, new float[54]));
        m.initializers.add(Init.floats("b", new long[] {3}, 1, 2, 3));
    }

    @Test
    void aFirstConvWithConstantWeights() throws IOException {
        Optional<AffineInput> a = find(true, m -> {
            convWeights(m);
            m.nodes.add(conv("x", "w", "b"));
        });
        assertEquals(new AffineInput("z", 2 * 3 * 3), a.orElseThrow());
        // without a bias, too
        assertEquals(18, find(true, m -> {
            convWeights(m);
            m.nodes.add(conv("x", "w"));
        }).orElseThrow().terms());
    }

    @Test
    void aFirstGemmOrMatMulCountsItsInputFeatures() throws IOException {
        assertEquals(new AffineInput("z", 4), find(false, m -> {
            m.initializers.add(Init.floats("w", new long[] {4, 5}, new float[20]));
            m.initializers.add(Init.floats("c", new long[] {5}, new float[5]));
            m.nodes.add(new Node("Gemm", "gemm", List.of("x", "w", "c"), List.of("z")));
        }).orElseThrow());
        assertEquals(4, find(false, m -> {
            m.initializers.add(Init.floats("w", new long[] {5, 4}, new float[20]));
            m.nodes.add(new Node("Gemm", "gemm", List.of("x", "w"), List.of("z")).attr(Attr.i("transB", 1)));
        }).orElseThrow().terms());
        assertEquals(4, find(false, m -> {
            m.initializers.add(Init.floats("w", new long[] {4, 6}, new float[24]));
            m.nodes.add(new Node("MatMul", "mm", List.of("x", "w"), List.of("z")));
        }).orElseThrow().terms());
    }

    @Test
    void notWhenTheInputGoesElsewhereOrTheWeightsAreNotConstant() throws IOException {
        // the input also read by a second node (a skip connection)
        assertTrue(find(true, m -> {
            convWeights(m);
            m.nodes.add(new Node("Conv", "conv", List.of("x", "w", "b"), List.of("c"))
                    .attr(Attr.ints("kernel_shape", 3, 3)).attr(Attr.ints("pads", 1, 1, 1, 1)));
            m.initializers.add(Init.floats("w2", new long[] {3, 2, 1, 1}, new float[6]));
            m.nodes.add(new Node("Conv", "skip", List.of("x", "w2"), List.of("s")).attr(Attr.ints("kernel_shape", 1, 1)));
            m.nodes.add(new Node("Add", "add", List.of("c", "s"), List.of("z")));
        }).isEmpty());
        // weights computed from the input: x·x is not affine
        assertTrue(find(false, m -> {
            m.nodes.add(new Node("Transpose", "t", List.of("x"), List.of("xt")).attr(Attr.ints("perm", 1, 0)));
            m.nodes.add(new Node("MatMul", "mm", List.of("x", "xt"), List.of("z")));
        }).isEmpty());
        // the batch transposed into the features: rows would mix
        assertTrue(find(false, m -> {
            m.initializers.add(Init.floats("w", new long[] {7, 5}, new float[35]));
            m.nodes.add(new Node("Gemm", "gemm", List.of("x", "w"), List.of("z")).attr(Attr.i("transA", 1)));
        }).isEmpty());
        // a non-linear first node
        assertTrue(find(false, m -> m.nodes.add(new Node("Tanh", "tanh", List.of("x"), List.of("z")))).isEmpty());
        // the input second: a MatMul of a constant by the input is linear, but not row by row
        assertTrue(find(false, m -> {
            m.initializers.add(Init.floats("w", new long[] {4, 4}, new float[16]));
            m.nodes.add(new Node("MatMul", "mm", List.of("w", "x"), List.of("z")));
        }).isEmpty());
    }
}
