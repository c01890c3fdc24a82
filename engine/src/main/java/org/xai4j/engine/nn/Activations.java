package org.xai4j.engine.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.engine.tensor.Tensor;

/** The named values of one {@link Model#run}, in the order they were computed, and its outputs. */
public final class Activations {
    private final Map<String, Tensor> values;
    private final List<String> outputNames;

    /**
     * @param values      every named value, in computation order; kept, not copied
     * @param outputNames the model's outputs, each a key of values
     */
    public Activations(LinkedHashMap<String, Tensor> values, List<String> outputNames) {
        for (String name : outputNames) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("output '" + name + "' was not computed; values: " + values.keySet());
            }
        }
        this.values = Collections.unmodifiableMap(values);
        this.outputNames = List.copyOf(outputNames);
    }

    /** The i-th output of the model. */
    public Tensor output(int i) {
        return values.get(outputNames.get(i));
    }

    /** The value called name; a clear error naming the known values when there is none. */
    public Tensor get(String name) {
        Tensor t = values.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; known: " + String.join(", ", values.keySet()));
        }
        return t;
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** Every named value, in computation order. */
    public Map<String, Tensor> all() {
        return values;
    }

    public List<String> outputNames() {
        return outputNames;
    }
}
