package org.xai4j.explain.gradient;

import java.util.LinkedHashMap;
import java.util.List;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/** A one-input test model written as a Java function that names its intermediates. */
final class FunctionModel implements Model {
    /** The model's body: computes the output from x and records named intermediates in {@code named}. */
    @FunctionalInterface
    interface Body {
        Tensor apply(Tensor x, LinkedHashMap<String, Tensor> named);
    }

    private final Body body;

    FunctionModel(Body body) {
        this.body = body;
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
        LinkedHashMap<String, Tensor> named = new LinkedHashMap<>();
        named.put("input", inputs.get(0));
        Tensor out = body.apply(inputs.get(0), named);
        named.put("output", out);
        return new Activations(named, List.of("output"));
    }
}
