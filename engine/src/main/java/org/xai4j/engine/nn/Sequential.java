package org.xai4j.engine.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.xai4j.engine.tensor.Tensor;

/**
 * Layers applied in order (torch.nn.Sequential), and a {@link Model}: its input is "input", layer i's
 * output is named "i" (so explanation methods can address it, e.g. Grad-CAM's --layer 3), and the last
 * one is also "output". Parameters are named "i.weight", "i.bias", as PyTorch's state_dict.
 */
public final class Sequential implements Model, Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        this.layers = List.of(layers);
        int dropout = 0;
        for (Module m : layers) {
            if (m instanceof Layers.Dropout d) d.index = dropout++;
        }
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
        if (inputs.size() != 1) throw new IllegalArgumentException("Sequential takes one input, got " + inputs.size());
        LinkedHashMap<String, Tensor> values = new LinkedHashMap<>();
        Tensor x = inputs.get(0);
        values.put("input", x);
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x, options);
            values.put(Integer.toString(i), x);
        }
        values.put("output", x);
        return new Activations(values, List.of("output"));
    }

    @Override
    public Tensor forward(Tensor x, RunOptions options) {
        return run(List.of(x), options).output(0);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) all.add(p.renamed(i + "."));
        }
        return all;
    }
}
