package org.xai4j.explain.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/** A Model made of one Java function of the input (built from Ops), counting its forward passes. */
public final class FunctionModel implements Model {
    private final UnaryOperator<Tensor> function;
    private int calls;
    private int maxRows;

    public FunctionModel(UnaryOperator<Tensor> function) {
        this.function = function;
    }

    @Override
    public List<String> inputNames() {
        return List.of("input");
    }

    @Override
    public List<String> outputNames() {
        return List.of("output");
    }

    @Override
    public Activations run(List<Tensor> inputs, RunOptions options) {
        calls++;
        maxRows = Math.max(maxRows, inputs.get(0).shape()[0]);
        LinkedHashMap<String, Tensor> values = new LinkedHashMap<>();
        values.put("input", inputs.get(0));
        values.put("output", function.apply(inputs.get(0)));
        return new Activations(values, List.of("output"));
    }

    /** Forward passes so far. */
    public int calls() {
        return calls;
    }

    /** The most rows any forward pass saw. */
    public int maxRows() {
        return maxRows;
    }
}
