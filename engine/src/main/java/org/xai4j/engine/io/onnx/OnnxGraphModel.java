package org.xai4j.engine.io.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.MemoryScope;
import org.xai4j.engine.io.onnx.importer.IntValue;
import org.xai4j.engine.io.onnx.importer.NodeContext;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.io.onnx.importer.OpRegistry;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.AffineInput;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Device;
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
    /** The float initializers copied to each device a run's inputs were on (once per device). */
    private final Map<Device, Map<String, Tensor>> deviceInitializers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, IntValue> intInitializers = new HashMap<>();
    private final List<OnnxValueInfo> inputs = new ArrayList<>();
    private final List<String> inputNames = new ArrayList<>();
    private final List<String> outputNames = new ArrayList<>();
    private final String file;
    /**
     * For each node, the index of a Relu that is the only consumer of its only output (a Conv, Gemm or Add
     * whose output is no graph output), or -1: pairs whose ReLU {@link #forward} applies as the first op
     * writes each value.
     */
    private final int[] reluAfter;
    /**
     * For each node, the index of a MaxPool that alone reads its output when it is a Relu (with one output, not
     * a graph output), or -1: pairs that a recorded {@link #forward} runs as the pooling, then the ReLU on the
     * pooled values ({@link #run}).
     */
    private final int[] poolAfterRelu;
    /** Every value a node or a graph output reads: MC dropout runs skip optional outputs outside it. */
    private final Set<String> readNames = new HashSet<>();
    /** {@link #affineInput}: found once, from the graph. */
    private final AffineInput affineInput;

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
        poolAfterRelu = poolsAfterRelus(this.order, outputNames);
        for (OnnxNode n : this.order) readNames.addAll(n.inputs());
        readNames.addAll(outputNames);
        affineInput = findAffineInput();
    }

    /**
     * The node that alone reads the only (float) input, when it is affine in it with constant weights: a Conv
     * (input X), a Gemm (input A, not transposed: rows stay rows) or a MatMul (input first), its other
     * operands float initializers.
     */
    private AffineInput findAffineInput() {
        if (inputs.size() != 1 || isIntegerInput(0)) return null;
        String x = inputNames.get(0);
        Integer only = soleReaders(order, outputNames).get(x);
        if (only == null) return null;
        OnnxNode reader = order.get(only);
        if (reader.outputs().size() != 1 || !(reader.domain().isEmpty() || reader.domain().equals("ai.onnx")) || !reader.input(0).equals(x)) return null;
        for (int i = 1; i < reader.inputs().size(); i++) {
            String operand = reader.inputs().get(i);
            if (!operand.isEmpty() && !floatInitializers.containsKey(operand)) return null;
        }
        if (reader.inputs().size() < 2 || reader.input(1).isEmpty()) return null;
        int[] w = floatInitializers.get(reader.input(1)).shape();
        int terms;
        switch (reader.opType()) {
            case "Conv" -> {
                if (w.length < 3) return null;
                terms = 1;
                for (int d = 1; d < w.length; d++) terms *= w[d];
            }
            case "Gemm" -> {
                if (reader.attrInt("transA", 0) != 0 || w.length != 2) return null;
                terms = reader.attrInt("transB", 0) != 0 ? w[1] : w[0];
            }
            case "MatMul" -> {
                if (reader.inputs().size() != 2) return null;
                terms = w.length == 1 ? w[0] : w[w.length - 2];
            }
            default -> {
                return null;
            }
        }
        return terms < 1 ? null : new AffineInput(reader.outputs().get(0), terms);
    }

    /** A first Conv, Gemm or MatMul on the input with constant weights ({@link #findAffineInput}). */
    @Override
    public Optional<AffineInput> affineInput() {
        return Optional.ofNullable(affineInput);
    }

    /**
     * For each value that one node input alone reads (read once, by one node, and no graph output), that
     * node's index.
     */
    private static Map<String, Integer> soleReaders(List<OnnxNode> order, List<String> graphOutputs) {
        Map<String, Integer> uses = new HashMap<>(), reader = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            for (String in : order.get(k).inputs()) {
                if (in.isEmpty()) continue;
                uses.merge(in, 1, Integer::sum);
                reader.put(in, k);
            }
        }
        reader.keySet().removeIf(name -> uses.get(name) != 1 || graphOutputs.contains(name));
        return reader;
    }

    private static int[] reluFusions(List<OnnxNode> order, List<String> graphOutputs) {
        Map<String, Integer> onlyUser = soleReaders(order, graphOutputs);
        int[] fused = new int[order.size()];
        java.util.Arrays.fill(fused, -1);
        for (int k = 0; k < order.size(); k++) {
            OnnxNode node = order.get(k);
            if (!node.opType().equals("Conv") && !node.opType().equals("Add") && !node.opType().equals("Gemm")) continue;
            if (node.outputs().size() != 1) continue;
            Integer user = onlyUser.get(node.outputs().get(0));
            if (user == null) continue;
            OnnxNode relu = order.get(user);
            if (relu.opType().equals("Relu") && relu.inputs().size() == 1 && relu.outputs().size() == 1) fused[k] = user;
        }
        return fused;
    }

    /**
     * The Relu -> MaxPool pairs in which the pooling alone reads the ReLU: max over a window of max(v, 0) is
     * max(max over the window of v, 0), for every value NaN included, and the gradient takes the same
     * path (the window's maximum, the first in scan order, where it is positive; nothing where it is not).
     * The ReLU then runs on a quarter of the values (2x2 windows), forwards and backwards.
     */
    private static int[] poolsAfterRelus(List<OnnxNode> order, List<String> graphOutputs) {
        Map<String, Integer> onlyUser = soleReaders(order, graphOutputs);
        int[] pool = new int[order.size()];
        java.util.Arrays.fill(pool, -1);
        for (int k = 0; k < order.size(); k++) {
            OnnxNode node = order.get(k);
            if (!node.opType().equals("Relu") || node.inputs().size() != 1 || node.outputs().size() != 1) continue;
            String out = node.outputs().get(0);
            Integer user = onlyUser.get(out);
            if (user == null) continue;
            OnnxNode maxPool = order.get(user);
            if (maxPool.opType().equals("MaxPool") && maxPool.outputs().size() == 1 && maxPool.input(0).equals(out)) pool[k] = user;
        }
        return pool;
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

    /** True: a run keeps its values in its own {@link Activations}; the shared caches are concurrent maps. */
    @Override
    public boolean concurrentPasses() {
        return true;
    }

    @Override
    public List<String> outputNames() {
        return List.copyOf(outputNames);
    }

    /**
     * Whether graph input i (of {@link #inputInfos}) is declared with an integer element type (int64,
     * int32, ..., bool): a shape, axes or pads argument that {@link #run(List, Map, RunOptions)} takes as
     * exact integers.
     */
    public boolean isIntegerInput(int i) {
        return isIntegerType(inputs.get(i).elemType());
    }

    /**
     * {@inheritDoc} A tensor given for an integer input ({@link #isIntegerInput}) must hold whole numbers
     * that float32 represents exactly (|v| <= 2^24); larger values need {@link #run(List, Map, RunOptions)}.
     */
    @Override
    public Activations run(List<Tensor> given, RunOptions options) {
        if (given.size() != inputs.size()) {
            throw new OnnxImportException(file + ": the model takes " + inputs.size() + " input(s) " + inputNames
                    + ", got " + given.size());
        }
        List<Tensor> floats = new ArrayList<>();
        Map<String, IntValue> integers = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (isIntegerInput(i)) {
                integers.put(inputNames.get(i), wholeNumbers(inputNames.get(i), given.get(i)));
            } else {
                floats.add(given.get(i));
            }
        }
        return run(floats, integers, options, options.dropoutActive() && !recording(floats));
    }

    /**
     * Whether a run records a tape. An unrecorded MC dropout run keeps only the values something reads
     * (the Dropout mask output is skipped, and a Conv, Gemm or Add writes the ReLU after it directly): its
     * callers read the graph outputs, and the thousands of passes of MC dropout pay for every pass over
     * the activations.
     */
    private static boolean recording(List<Tensor> floats) {
        if (!org.xai4j.engine.autodiff.GradMode.isEnabled()) return false;
        for (Tensor t : floats) if (t.requiresGrad()) return true;
        return false;
    }

    /**
     * Runs with the integer inputs bound exactly, as ONNX passes shapes, axes and pads.
     *
     * @param floats   a tensor for each input that is not an integer input, in declaration order
     * @param integers a value for each integer input ({@link #isIntegerInput}), by name
     */
    public Activations run(List<Tensor> floats, Map<String, IntValue> integers, RunOptions options) {
        return run(floats, integers, options, false);
    }

    private IntValue wholeNumbers(String name, Tensor t) {
        float[] v = t.toArray();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > (1 << 24)) {
                throw new OnnxImportException(file + ": input '" + name + "' is declared integer, but element " + i
                        + " is " + v[i] + " (pass an integer array)");
            }
            out[i] = (long) v[i];
        }
        return new IntValue(out, t.shape());
    }

    /**
     * The first output, computed as {@link #run} does but without the intermediate values: a Conv, Gemm or Add
     * followed by a Relu that alone reads it writes max(value, 0) directly (the same numbers, one pass
     * less over the activation), when nothing is recorded. The perturbation methods' batched forward
     * passes go through here (ResNet-18 occlusion: 17 ReLU passes per forward).
     */
    @Override
    public Tensor forward(Tensor input) {
        boolean recording = org.xai4j.engine.autodiff.GradMode.isEnabled() && input.requiresGrad();
        if (inputs.size() != 1 || isIntegerInput(0)) return run(List.of(input), RunOptions.INFERENCE).output(0);
        // a method's own backward rules (guided backprop, DeepLIFT) see the graph's ReLUs where the graph has them
        return run(List.of(input), Map.of(), RunOptions.INFERENCE, !recording, !Gradients.overridesActive()).output(0);
    }

    private Activations run(List<Tensor> floats, Map<String, IntValue> integers, RunOptions options, boolean fuseRelu) {
        return run(floats, integers, options, fuseRelu, false);
    }

    /**
     * @param fuseRelu     whether the Conv/Add + Relu pairs of {@link #reluAfter} run fused (values then lack their inputs)
     * @param reorderPools whether the Relu -> MaxPool pairs of {@link #poolAfterRelu} run as the pooling, then the
     *                     ReLU on the pooled values (the ReLU's output is then not among the values), except
     *                     where an override names the ReLU's output
     */
    private Activations run(List<Tensor> floats, Map<String, IntValue> integers, RunOptions options, boolean fuseRelu,
                            boolean reorderPools) {
        // a service's progress report, cancellation or deadline (org.xai4j.api.RunControl) between passes
        org.xai4j.engine.nn.PassHook.beforePass(floats.isEmpty() || floats.get(0).dim() == 0 ? 1 : floats.get(0).shape()[0]);
        int integerCount = 0;
        for (int i = 0; i < inputs.size(); i++) if (isIntegerInput(i)) integerCount++;
        if (floats.size() + integerCount != inputs.size() || integers.size() != integerCount) {
            throw new OnnxImportException(file + ": the model takes " + inputs.size() + " input(s) " + inputNames
                    + " (" + integerCount + " of them integer), got " + floats.size() + " float and " + integers.size()
                    + " integer");
        }
        LinkedHashMap<String, Tensor> values = new LinkedHashMap<>();
        Map<String, IntValue> ints = new HashMap<>(intInitializers);
        int f = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String name = inputNames.get(i);
            if (isIntegerInput(i)) {
                IntValue v = integers.get(name);
                if (v == null) throw new OnnxImportException(file + ": integer input '" + name + "' is not given");
                checkInput(inputs.get(i), v.shape());
                ints.put(name, v);
            } else {
                checkInput(inputs.get(i), floats.get(f).shape());
                values.put(name, floats.get(f++));
            }
        }
        int opset = (int) proto.opset();
        Device device = runDevice(floats);
        Map<String, Tensor> weights = device.isHost() ? floatInitializers : initializersOn(device);
        boolean[] skip = new boolean[order.size()];
        boolean overriding = ActivationOverride.active();
        if (overriding) fuseRelu = false; // an override may name the fused ReLU's output
        Set<String> fixed = overriding ? ActivationOverride.fixedNames() : Set.of();
        boolean[] needed = fixed.isEmpty() ? null : neededWith(fixed);
        // for a MaxPool whose ReLU was put after it: that Relu node's index
        int[] reluBefore = null;
        for (int k = 0; k < order.size(); k++) {
            if (skip[k]) continue;
            OnnxNode node = order.get(k);
            if (needed != null && !needed[k]) {
                // nothing the outputs depend on reads this node's values except through a fixed replacement
                for (String out : node.outputs()) if (fixed.contains(out)) values.put(out, ActivationOverride.apply(out, null));
                continue;
            }
            if (reorderPools && poolAfterRelu[k] >= 0 && !(overriding && ActivationOverride.names(node.outputs().get(0)))) {
                if (reluBefore == null) java.util.Arrays.fill(reluBefore = new int[order.size()], -1);
                reluBefore[poolAfterRelu[k]] = k;
                continue;
            }
            String pooledRelu = null;
            if (reluBefore != null && reluBefore[k] >= 0) {
                // the pooling reads the ReLU's input under the ReLU's output name, then the ReLU runs on its result
                OnnxNode relu = order.get(reluBefore[k]);
                pooledRelu = relu.outputs().get(0);
                values.put(pooledRelu, values.get(relu.input(0)));
            }
            NodeContext ctx = new NodeContext(node, opset, k, options, values, weights, ints);
            if (!device.isHost()) ctx.runOn(device);
            if (fuseRelu && reluAfter[k] >= 0) ctx.fuseRelu(order.get(reluAfter[k]).outputs().get(0));
            // MC dropout runs many passes of the same graph: an unread Dropout mask (PyTorch exports one in
            // training mode) would cost a quarter of each pass; inference runs keep every value for xai layers
            if (options.dropoutActive()) ctx.readNames(readNames);
            try {
                OpRegistry.get(node.opType()).run(ctx);
                if (ctx.reluApplied()) skip[reluAfter[k]] = true;
                if (pooledRelu != null) {
                    values.remove(pooledRelu);
                    String out = node.outputs().get(0);
                    values.put(out, Ops.relu(values.get(out)));
                }
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
                if (overriding && values.containsKey(out)) values.put(out, ActivationOverride.apply(out, values.get(out)));
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

    /**
     * For each node, whether the graph outputs need it when the values named in {@code fixed} are given
     * (an {@link ActivationOverride#replaceWith}): a node is needed when a needed node or a graph output
     * reads one of its outputs that is not fixed. With ResNet-18's layer3 fixed, the stem, layer1, layer2
     * and layer3 are skipped (Captum's LayerIntegratedGradients computes them and discards the result).
     */
    private boolean[] neededWith(Set<String> fixed) {
        Set<String> live = new HashSet<>(outputNames);
        boolean[] needed = new boolean[order.size()];
        for (int k = order.size() - 1; k >= 0; k--) {
            OnnxNode node = order.get(k);
            for (String out : node.outputs()) {
                if (!out.isEmpty() && live.contains(out) && !fixed.contains(out)) needed[k] = true;
            }
            if (needed[k]) live.addAll(node.inputs());
        }
        return needed;
    }

    /** The device of the float inputs (all on one; host when there are none). */
    private Device runDevice(List<Tensor> floats) {
        Device d = null;
        for (int i = 0; i < floats.size(); i++) {
            Device di = floats.get(i).device();
            if (d != null && !d.equals(di)) {
                throw new OnnxImportException(file + ": inputs on different devices: " + d + " and " + di);
            }
            d = di;
        }
        return d == null ? Device.CPU : d;
    }

    /** The float initializers on {@code device}: the weights follow the inputs, copied once per device. */
    private Map<String, Tensor> initializersOn(Device device) {
        return deviceInitializers.computeIfAbsent(device, d -> {
            Map<String, Tensor> m = new HashMap<>();
            // kept across runs: not given back when the pass's memory scope (an explanation's) closes
            try (MemoryScope keep = Backends.forDevice(d).persistentScope()) {
                for (Map.Entry<String, Tensor> e : floatInitializers.entrySet()) m.put(e.getKey(), e.getValue().to(d));
            }
            return m;
        });
    }

    /** Rank and every fixed dimension must match the declaration; symbolic ones (batch) take any size. */
    private void checkInput(OnnxValueInfo info, int[] shape) {
        if (!info.hasShape()) return;
        List<OnnxValueInfo.Dim> dims = info.dims();
        boolean ok = dims.size() == shape.length;
        for (int i = 0; ok && i < dims.size(); i++) {
            long d = dims.get(i).value();
            if (d > 0 && d != shape[i]) ok = false;
        }
        if (!ok) {
            throw new OnnxImportException(file + ": input '" + info.name() + "' expects shape " + info.shapeString()
                    + ", got " + Shape.str(shape));
        }
    }
}
