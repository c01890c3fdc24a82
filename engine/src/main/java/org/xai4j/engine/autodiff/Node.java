package org.xai4j.engine.autodiff;

import org.xai4j.engine.tensor.Tensor;

/** One recorded application of an {@link Op}: the tape is the graph of these, linked through the tensors. */
public final class Node {
    private final Op op;
    private final Tensor[] inputs;
    private final Tensor output;
    private final Object[] saved;

    Node(Op op, Tensor[] inputs, Tensor output, Object[] saved) {
        this.op = op;
        this.inputs = inputs;
        this.output = output;
        this.saved = saved;
    }

    public Op op() {
        return op;
    }

    /** The recorded op's type: what a backward-rule override is looked up by. */
    public OpType type() {
        return op.type();
    }

    /** The i-th input as it was passed to the op (null for an absent optional input). */
    public Tensor input(int i) {
        return inputs[i];
    }

    public int inputCount() {
        return inputs.length;
    }

    public Tensor output() {
        return output;
    }

    /**
     * The same op applied to other inputs of the same shapes, with this node's saved values, recorded on no
     * tape: what a backward rule differentiates when it evaluates a layer with other weights (LRP's gamma
     * and z+ rules, which redistribute through modified weights).
     *
     * @param inputs one per input of this node; not modified
     * @param output the op's output for them (this node's own where the rule does not need it)
     */
    public Node withInputs(Tensor[] inputs, Tensor output) {
        if (inputs.length != this.inputs.length) {
            throw new IllegalArgumentException(op.name() + ": " + inputs.length + " inputs for a node of " + this.inputs.length);
        }
        return new Node(op, inputs.clone(), output, saved);
    }

    /** The i-th value the forward saved, cast to the caller's type. */
    @SuppressWarnings("unchecked")
    public <T> T saved(int i) {
        return (T) saved[i];
    }

    @Override
    public String toString() {
        return op.name() + "->" + output;
    }
}
