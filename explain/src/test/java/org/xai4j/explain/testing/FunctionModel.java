package org.xai4j.explain.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/** A Model made of one Java function of the input (built from Ops), counting its forward passes. */
public final class FunctionModel implements Model {
    private final UnaryOperator<Tensor> function;
    private final boolean concurrent;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger maxRows = new AtomicInteger();

    public FunctionModel(UnaryOperator<Tensor> function) {
        this(function, false);
    }

    private FunctionModel(UnaryOperator<Tensor> function, boolean concurrent) {
        this.function = function;
        this.concurrent = concurrent;
    }

    /** The same function, saying that passes may run on several threads at once (the counters are atomic). */
    public FunctionModel allowingConcurrentPasses() {
        return new FunctionModel(function, true);
    }

    @Override
    public boolean concurrentPasses() {
        return concurrent;
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
        calls.incrementAndGet();
        maxRows.accumulateAndGet(inputs.get(0).shape()[0], Math::max);
        LinkedHashMap<String, Tensor> values = new LinkedHashMap<>();
        values.put("input", inputs.get(0));
        values.put("output", function.apply(inputs.get(0)));
        return new Activations(values, List.of("output"));
    }

    /** Forward passes so far. */
    public int calls() {
        return calls.get();
    }

    /** The most rows any forward pass saw. */
    public int maxRows() {
        return maxRows.get();
    }
}
