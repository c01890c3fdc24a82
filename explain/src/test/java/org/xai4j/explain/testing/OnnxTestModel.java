package org.xai4j.explain.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.engine.io.onnx.OnnxModel;
import org.xai4j.engine.io.onnx.OnnxNode;
import org.xai4j.engine.io.onnx.OnnxReader;
import org.xai4j.engine.io.onnx.OnnxTensor;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * Test stand-in for the ONNX importer (being written on another branch): runs the few ops the Captum
 * fixture models use (Gemm, Relu, Conv, MaxPool, GlobalAveragePool, Flatten, Sigmoid) with Ops, on
 * initializers read by OnnxReader.
 */
public final class OnnxTestModel implements Model {
    private final OnnxModel onnx;
    private final Map<String, Tensor> weights = new HashMap<>();

    public OnnxTestModel(Path file) throws IOException {
        onnx = OnnxReader.read(file);
        for (OnnxTensor t : onnx.graph().initializers()) weights.put(t.name(), Tensor.of(t.toFloats(), t.shape()));
    }

    @Override
    public List<String> inputNames() {
        return List.of(onnx.graph().inputs().get(0).name());
    }

    @Override
    public List<String> outputNames() {
        return List.of(onnx.graph().outputs().get(0).name());
    }

    @Override
    public Activations run(List<Tensor> inputs, RunOptions options) {
        LinkedHashMap<String, Tensor> values = new LinkedHashMap<>();
        values.put(inputNames().get(0), inputs.get(0));
        for (OnnxNode n : onnx.graph().nodes()) {
            Tensor x = value(values, n.input(0));
            Tensor y = switch (n.opType()) {
                case "Gemm" -> Ops.gemm(x, value(values, n.input(1)), n.inputs().size() > 2 ? value(values, n.input(2)) : null,
                        n.attrFloat("alpha", 1f), n.attrFloat("beta", 1f), n.attrInt("transA", 0) != 0, n.attrInt("transB", 0) != 0);
                case "Relu" -> Ops.relu(x);
                case "Sigmoid" -> Ops.sigmoid(x);
                case "Flatten" -> Ops.flatten(x, (int) n.attrInt("axis", 1));
                case "GlobalAveragePool" -> Ops.globalAvgPool(x);
                case "Conv" -> {
                    int s = x.dim() - 2;
                    int[] pads = ints(n.attrInts("pads"), 2 * s, 0);
                    yield Ops.conv(x, value(values, n.input(1)), n.inputs().size() > 2 ? value(values, n.input(2)) : null,
                            ints(n.attrInts("strides"), s, 1), java.util.Arrays.copyOfRange(pads, 0, s),
                            java.util.Arrays.copyOfRange(pads, s, 2 * s), ints(n.attrInts("dilations"), s, 1),
                            (int) n.attrInt("group", 1));
                }
                case "MaxPool" -> {
                    int s = x.dim() - 2;
                    int[] pads = ints(n.attrInts("pads"), 2 * s, 0);
                    int[] kernel = ints(n.attrInts("kernel_shape"), s, 1);
                    yield Ops.maxPool(x, kernel, ints(n.attrInts("strides"), s, 1), java.util.Arrays.copyOfRange(pads, 0, s),
                            java.util.Arrays.copyOfRange(pads, s, 2 * s), ints(n.attrInts("dilations"), s, 1),
                            n.attrInt("ceil_mode", 0) != 0);
                }
                default -> throw new UnsupportedOperationException("test model runner has no op " + n.opType());
            };
            values.put(n.outputs().get(0), y);
        }
        return new Activations(values, outputNames());
    }

    private Tensor value(Map<String, Tensor> values, String name) {
        Tensor t = values.get(name);
        if (t == null) t = weights.get(name);
        if (t == null) throw new IllegalStateException("no value " + name);
        return t;
    }

    private static int[] ints(long[] v, int n, int fallback) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, fallback);
        if (v != null) for (int i = 0; i < n; i++) out[i] = (int) v[i];
        return out;
    }
}
