package org.xai4j.engine.io.onnx.importer;

import java.util.Map;
import org.xai4j.engine.io.onnx.OnnxNode;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * What a translator sees of one node while the graph runs: its inputs (float tensors, or integer
 * values known exactly, such as shapes and axes), its attributes, the opset, and the run options.
 * Translators write their results with {@link #output} or {@link #outputInts}.
 */
public final class NodeContext {
    private final OnnxNode node;
    private final int opset;
    private final int nodeIndex;
    private final RunOptions options;
    private final Map<String, Tensor> values;
    private final Map<String, Tensor> constants;
    private final Map<String, IntValue> ints;
    /**
     * The output name of the Relu node that consumes this node's only output and nothing else, when the
     * graph runs for its outputs alone (see {@code OnnxGraphModel.forward}); null otherwise.
     */
    private String reluAfter;
    private boolean reluApplied;
    /** The values some node or graph output reads, when the run may skip the others; null: all count as read. */
    private java.util.Set<String> readNames;
    /** Where this run computes: host values of more than one element read by a node are copied there. */
    private Device device = Device.CPU;

    /**
     * @param values    this run's named float values; outputs are written here (Modified)
     * @param constants float initializers, read-only
     * @param ints      exact integer values, initializers included; integer outputs are written here (Modified)
     */
    public NodeContext(OnnxNode node, int opset, int nodeIndex, RunOptions options, Map<String, Tensor> values,
                       Map<String, Tensor> constants, Map<String, IntValue> ints) {
        this.node = node;
        this.opset = opset;
        this.nodeIndex = nodeIndex;
        this.options = options;
        this.values = values;
        this.constants = constants;
        this.ints = ints;
    }

    public OnnxNode node() {
        return node;
    }

    /**
     * Declares which values the graph reads (node inputs and graph outputs), so that an op may leave out
     * an optional output nobody reads (Dropout's mask in MC dropout runs).
     *
     * @param names Not copied; not modified.
     */
    public void readNames(java.util.Set<String> names) {
        readNames = names;
    }

    /** Whether output i is read by a node or is a graph output (true when the run did not say). */
    public boolean outputRead(int i) {
        return readNames == null || readNames.contains(node.outputs().get(i));
    }

    /** Makes this node read its float inputs on {@code device} (the device of the run's inputs). */
    public void runOn(Device device) {
        this.device = device;
    }

    /** The default-domain opset the model imports. */
    public int opset() {
        return opset;
    }

    /** Position of the node in the topological order: a stable per-node index (dropout streams). */
    public int nodeIndex() {
        return nodeIndex;
    }

    public RunOptions options() {
        return options;
    }

    /** Whether input i is given (ONNX leaves optional inputs out or names them ""). */
    public boolean has(int i) {
        return i < node.inputs().size() && !node.inputs().get(i).isEmpty();
    }

    /** Input i as a float tensor (integer values are converted). */
    public Tensor in(int i) {
        String name = required(i);
        Tensor t = values.get(name);
        if (t == null) t = constants.get(name);
        if (t == null) {
            IntValue v = ints.get(name);
            if (v == null) throw fail("input " + i + " '" + name + "' has no value");
            t = v.toTensor();
        }
        // a Constant or a value made from shapes is computed on the host; one element joins a device op as a scalar
        if (!device.isHost() && t.isHost() && t.numel() > 1) t = t.to(device);
        return t;
    }

    /** Whether input i is an integer value known exactly (an int64 initializer, Constant or shape). */
    public boolean isInts(int i) {
        return has(i) && ints.containsKey(node.inputs().get(i));
    }

    /** Input i as exact integers: an int64/int32 initializer or Constant, or a value computed from shapes. */
    public IntValue ints(int i) {
        String name = required(i);
        IntValue v = ints.get(name);
        if (v == null) {
            throw fail("input " + i + " '" + name + "' must be a constant integer tensor (an initializer or "
                    + "Constant), but it is computed at run time from float data");
        }
        return v;
    }

    public void output(int i, Tensor t) {
        values.put(node.outputs().get(i), t);
    }

    /** Lets this node write max(output, 0) under the Relu's name instead of its own output (set by the graph). */
    public void fuseRelu(String reluOutput) {
        this.reluAfter = reluOutput;
    }

    /** Whether this node may apply the ReLU that follows it ({@link #outputWithRelu}). */
    public boolean reluFused() {
        return reluAfter != null;
    }

    /** Writes t = max(output, 0) as the following Relu's output; the Relu node then does not run. */
    public void outputWithRelu(Tensor t) {
        if (reluAfter == null) throw fail("no ReLU is fused into this node");
        values.put(reluAfter, t);
        reluApplied = true;
    }

    /** Whether {@link #outputWithRelu} was used, so the graph skips the Relu node. */
    public boolean reluApplied() {
        return reluApplied;
    }

    public void outputInts(int i, IntValue v) {
        ints.put(node.outputs().get(i), v);
    }

    /** An error naming the node and op, for bad attributes or inputs met while running. */
    public OnnxImportException fail(String what) {
        return new OnnxImportException(node.label() + ": " + what);
    }

    /**
     * Fails, naming the node, when a float32 result of {@code shape} (dims as computed, before any
     * allocation) cannot be held: more elements than one Java array takes, or more bytes than the heap
     * has at all. A Pad of 10^9 or a Reshape of a shape tensor's making is refused here in one line
     * instead of as an OutOfMemoryError.
     */
    public void requireFits(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = d <= 0 ? 0 : n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (n > Integer.MAX_VALUE - 8 || 4 * n > heap) {
            throw fail("the result of shape " + java.util.Arrays.toString(shape) + " needs " + (n > Long.MAX_VALUE / 4 ? "more than 2^63" : 4 * n)
                    + " bytes, more than " + (n > Integer.MAX_VALUE - 8 ? "one array holds" : "the heap's " + heap + " (-Xmx)"));
        }
    }

    /** Spatial-axis attribute of length rank, or the default filled in. */
    public int[] intsAttr(String name, int rank, int fallback) {
        long[] v = node.attrInts(name);
        int[] out = new int[rank];
        if (v == null || v.length == 0) {
            java.util.Arrays.fill(out, fallback);
            return out;
        }
        if (v.length != rank) {
            throw fail("attribute " + name + " has " + v.length + " values, expected " + rank);
        }
        for (int k = 0; k < rank; k++) out[k] = Math.toIntExact(v[k]);
        return out;
    }

    private String required(int i) {
        if (!has(i)) throw fail("missing required input " + i);
        return node.inputs().get(i);
    }

    /** Shape of a tensor as a string, for messages. */
    static String str(Tensor t) {
        return Shape.str(t.shape());
    }
}
