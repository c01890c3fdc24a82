package org.xai4j.engine.io.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xai4j.engine.io.onnx.importer.IntValue;
import org.xai4j.engine.io.onnx.importer.NodeContext;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.io.onnx.importer.OpRegistry;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * An ONNX graph run on the engine's ops, node by node in topological order, so that every value is
 * an ordinary (differentiable) tensor reachable by its ONNX name. Built by {@link OnnxModelLoader}.
 */
public final class OnnxGraphModel implements Model {
    private final OnnxModel proto;
    private final List<OnnxNode> order;
    private final Map<String, Tensor> floatInitializers = new HashMap<>();
    private final Map<String, IntValue> intInitializers = new HashMap<>();
    private final List<OnnxValueInfo> inputs = new ArrayList<>();
    private final List<String> inputNames = new ArrayList<>();
    private final List<String> outputNames = new ArrayList<>();
    private final String file;
    /**
     * For each node, the index of a Relu that is the only consumer of its only output (a Conv or an Add
     * whose output is no graph output), or -1: pairs whose ReLU {@link #forward} applies as the first op
     * writes each value.
     */
    private final int[] reluAfter;

    OnnxGraphModel(OnnxModel proto, List<OnnxNode> order) {
        this.proto = proto;
        this.order = List.copyOf(order);
        this.file = proto.source();
        Set<String> initNames = new HashSet<>();
        for (OnnxTensor t : proto.graph().initializers()) {
            initNames.add(t.name());
            if (isIntegerType(t.dataType())) {
                intInitializers.put(t.name(), new IntValue(t.toLongs(), t.shape()));
            } else {
                floatInitializers.put(t.name(), Tensor.of(t.toFloats(), t.shape()));
            }
        }
        for (OnnxValueInfo in : proto.graph().inputs()) {
            if (!initNames.contains(in.name())) {
                inputs.add(in);
                inputNames.add(in.name());
            }
        }
        for (OnnxValueInfo out : proto.graph().outputs()) outputNames.add(out.name());
        reluAfter = reluFusions(this.order, outputNames);
    }

    private static int[] reluFusions(List<OnnxNode> order, List<String> graphOutputs) {
        Map<String, Integer> uses = new HashMap<>();
        Map<String, Integer> onlyUser = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            for (String in : order.get(k).inputs()) {
                if (in.isEmpty()) continue;
                uses.merge(in, 1, Integer::sum);
                onlyUser.put(in, k);
            }
        }
        int[] fused = new int[order.size()];
        java.util.Arrays.fill(fused, -1);
        for (int k = 0; k < order.size(); k++) {
            OnnxNode node = order.get(k);
            if (!node.opType().equals("Conv") && !node.opType().equals("Add")) continue;
            if (node.outputs().size() != 1) continue;
            String out = node.outputs().get(0);
            if (graphOutputs.contains(out) || uses.getOrDefault(out, 0) != 1) continue;
            OnnxNode user = order.get(onlyUser.get(out));
            if (user.opType().equals("Relu") && user.inputs().size() == 1 && user.outputs().size() == 1) fused[k] = onlyUser.get(out);
        }
        return fused;
    }

    private static boolean isIntegerType(int t) {
        return t == OnnxTensor.INT64 || t == OnnxTensor.INT32 || t == OnnxTensor.INT16 || t == OnnxTensor.INT8
                || t == OnnxTensor.UINT8 || t == OnnxTensor.BOOL;
    }

    /** The parsed file: opset, producer, graph. */
    public OnnxModel proto() {
        return proto;
    }

    /** Nodes in the order they run. */
    public List<OnnxNode> nodes() {
        return order;
    }

    /** The declared graph inputs the caller binds (not initializers), with their declared shapes. */
    public List<OnnxValueInfo> inputInfos() {
        return List.copyOf(inputs);
    }

    /** A float initializer (weights) by name, or null. */
    public Tensor initializer(String name) {
        return floatInitializers.get(name);
    }

    @Override
    public List<String> inputNames() {
        return List.copyOf(inputNames);
    }

    @Override
    public List<String> outputNames() {
        return List.copyOf(outputNames);
    }

    @Override
    public Activations run(List<Tensor> given, RunOptions options) {
        return run(given, options, false);
    }

    /**
     * The first output, computed as {@link #run} does but without the intermediate values: a Conv or Add
     * followed by a Relu that alone reads it writes max(value, 0) directly (the same numbers, one pass
     * less over the activation), when nothing is recorded. The perturbation methods' batched forward
     * passes go through here (ResNet-18 occlusion: 17 ReLU passes per forward).
     */
    @Override
    public Tensor forward(Tensor input) {
        boolean recording = org.xai4j.engine.autodiff.GradMode.isEnabled() && input.requiresGrad();
        return run(List.of(input), RunOptions.INFERENCE, !recording).output(0);
    }

    /** @param fuseRelu whether the Conv/Add + Relu pairs of {@link #reluAfter} run fused (values then lack their inputs) */
    private Activations run(List<Tensor> given, RunOptions options, boolean fuseRelu) {
        if (given.size() != inputs.size()) {
            throw new OnnxImportException(file + ": the model takes " + inputs.size() + " input(s) " + inputNames
                    + ", got " + given.size());
        }
        LinkedHashMap<String, Tensor> values = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            checkInput(inputs.get(i), given.get(i));
            values.put(inputNames.get(i), given.get(i));
        }
        Map<String, IntValue> ints = new HashMap<>(intInitializers);
        int opset = (int) proto.opset();
        boolean[] skip = new boolean[order.size()];
        for (int k = 0; k < order.size(); k++) {
            if (skip[k]) continue;
            OnnxNode node = order.get(k);
            NodeContext ctx = new NodeContext(node, opset, k, options, values, floatInitializers, ints);
            if (fuseRelu && reluAfter[k] >= 0) ctx.fuseRelu(order.get(reluAfter[k]).outputs().get(0));
            try {
                OpRegistry.get(node.opType()).run(ctx);
                if (ctx.reluApplied()) skip[reluAfter[k]] = true;
            } catch (OnnxImportException e) {
                throw new OnnxImportException(file + ": node " + e.getMessage());
            } catch (RuntimeException e) {
                // shape errors and the like from the ops: name the node they came from
                throw new OnnxImportException(file + ": node " + node.label() + ": " + e.getMessage());
            }
            for (String out : node.outputs()) {
                if (!out.isEmpty() && !values.containsKey(out) && ints.containsKey(out)) {
                    values.put(out, ints.get(out).toTensor());
                }
            }
        }
        for (String out : outputNames) {
            if (!values.containsKey(out)) {
                Tensor t = floatInitializers.get(out);
                if (t == null && ints.containsKey(out)) t = ints.get(out).toTensor();
                if (t == null) throw new OnnxImportException(file + ": graph output '" + out + "' was not computed");
                values.put(out, t);
            }
        }
        return new Activations(values, outputNames);
    }

    /** Rank and every fixed dimension must match the declaration; symbolic ones (batch) take any size. */
    private void checkInput(OnnxValueInfo info, Tensor t) {
        if (!info.hasShape()) return;
        List<OnnxValueInfo.Dim> dims = info.dims();
        boolean ok = dims.size() == t.dim();
        for (int i = 0; ok && i < dims.size(); i++) {
            long d = dims.get(i).value();
            if (d > 0 && d != t.shape()[i]) ok = false;
        }
        if (!ok) {
            throw new OnnxImportException(file + ": input '" + info.name() + "' expects shape " + info.shapeString()
                    + ", got " + Shape.str(t.shape()));
        }
    }
}
