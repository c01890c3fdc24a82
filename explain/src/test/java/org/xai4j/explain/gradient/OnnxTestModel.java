package org.xai4j.explain.gradient;

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
 * A test-only interpreter for the few ONNX ops of the Captum fixture models (Gemm, Relu, Sigmoid, Conv,
 * MaxPool, GlobalAveragePool, Flatten), so the gradient methods can be checked against the fixtures
 * without the full importer. Every node output is an activation under its ONNX name.
 */
final class OnnxTestModel implements Model {
    private final OnnxModel onnx;
    private final Map<String, Tensor> weights = new HashMap<>();
    private final String input;
    private final String output;

    private OnnxTestModel(OnnxModel onnx) {
        this.onnx = onnx;
        for (OnnxTensor t : onnx.graph().initializers()) weights.put(t.name(), Tensor.of(t.toFloats(), t.shape()));
        this.input = onnx.graph().inputs().stream().filter(v -> !weights.containsKey(v.name())).findFirst().orElseThrow().name();
        this.output = onnx.graph().outputs().get(0).name();
    }

    static OnnxTestModel load(Path path) throws IOException {
        return new OnnxTestModel(OnnxReader.read(path));
    }

    /** An initializer by name (for CAM's classifier weights). */
    Tensor weight(String name) {
        return weights.get(name);
    }

    @Override
    public List<String> inputNames() {
        return List.of(input);
    }

    @Override
    public List<String> outputNames() {
        return List.of(output);
    }

    @Override
    public Activations run(List<Tensor> inputs, RunOptions options) {
        LinkedHashMap<String, Tensor> v = new LinkedHashMap<>();
        v.put(input, inputs.get(0));
        for (OnnxNode n : onnx.graph().nodes()) {
            Tensor x = value(v, n.input(0));
            Tensor y;
            switch (n.opType()) {
                case "Gemm":
                    y = Ops.gemm(x, value(v, n.input(1)), n.inputs().size() > 2 ? value(v, n.input(2)) : null,
                            n.attrFloat("alpha", 1f), n.attrFloat("beta", 1f), n.attrInt("transA", 0) != 0, n.attrInt("transB", 0) != 0);
                    break;
                case "Relu":
                    y = Ops.relu(x);
                    break;
                case "Sigmoid":
                    y = Ops.sigmoid(x);
                    break;
                case "Flatten":
                    y = Ops.flatten(x, (int) n.attrInt("axis", 1));
                    break;
                case "GlobalAveragePool":
                    y = Ops.globalAvgPool(x);
                    break;
                case "Conv": {
                    int r = x.dim() - 2;
                    y = Ops.conv(x, value(v, n.input(1)), n.inputs().size() > 2 ? value(v, n.input(2)) : null,
                            ints(n, "strides", r, 1), begin(n, r), end(n, r), ints(n, "dilations", r, 1), (int) n.attrInt("group", 1));
                    break;
                }
                case "MaxPool": {
                    int r = x.dim() - 2;
                    y = Ops.maxPool(x, ints(n, "kernel_shape", r, 1), ints(n, "strides", r, 1), begin(n, r), end(n, r),
                            ints(n, "dilations", r, 1), n.attrInt("ceil_mode", 0) != 0);
                    break;
                }
                default:
                    throw new UnsupportedOperationException("test interpreter: op " + n.opType());
            }
            v.put(n.outputs().get(0), y);
        }
        return new Activations(v, List.of(output));
    }

    private Tensor value(Map<String, Tensor> v, String name) {
        Tensor t = v.get(name);
        return t != null ? t : weights.get(name);
    }

    private static int[] ints(OnnxNode n, String attr, int r, int fallback) {
        if (!n.has(attr)) {
            int[] a = new int[r];
            java.util.Arrays.fill(a, fallback);
            return a;
        }
        long[] l = n.attrInts(attr);
        int[] a = new int[l.length];
        for (int i = 0; i < a.length; i++) a[i] = (int) l[i];
        return a;
    }

    private static int[] begin(OnnxNode n, int r) {
        return java.util.Arrays.copyOfRange(ints(n, "pads", 2 * r, 0), 0, r);
    }

    private static int[] end(OnnxNode n, int r) {
        return java.util.Arrays.copyOfRange(ints(n, "pads", 2 * r, 0), r, 2 * r);
    }
}
