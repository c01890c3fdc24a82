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
        for (int k = 0; k < order.size(); k++) {
            OnnxNode node = order.get(k);
            NodeContext ctx = new NodeContext(node, opset, k, options, values, floatInitializers, ints);
            try {
                OpRegistry.get(node.opType()).run(ctx);
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
