package org.xai4j.explain.uncertainty;

import java.util.LinkedHashMap;
import java.util.List;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * The closed-form case: mean = w · dropout_p(x) + b, logvar = v · x + c (the head sees x without
 * dropout, so its variance is exactly exp(v · x + c)). With keep probability q = 1 − p the inverted
 * mask m_i is 1/q with probability q, else 0: E[mean] = w · x + b and Var[mean] = (p/q) Σ (w_i x_i)².
 */
final class LinearDropoutModel implements Model {
    /** The dropout layer's stream index, as {@code Layers.dropout} numbers layers (1024 per run). */
    static final long STREAMS_PER_RUN = 1024;
    final float[] w, v;
    final float b, c, p;

    LinearDropoutModel(float[] w, float b, float[] v, float c, float p) {
        this.w = w;
        this.b = b;
        this.v = v;
        this.c = c;
        this.p = p;
    }

    @Override
    public List<String> inputNames() {
        return List.of("x");
    }

    @Override
    public List<String> outputNames() {
        return List.of("mean", "logvar");
    }

    @Override
    public Activations run(List<Tensor> inputs, RunOptions o) {
        Tensor x = inputs.get(0);
        Tensor dropped = Ops.dropout(x, p, o.dropoutActive(), o.seed(), o.layerStreams(STREAMS_PER_RUN, 0));
        LinkedHashMap<String, Tensor> values = new LinkedHashMap<>();
        values.put("x", x);
        values.put("mean", Ops.linear(dropped, Tensor.of(w.clone(), 1, w.length), Tensor.of(new float[] {b}, 1)));
        values.put("logvar", Ops.linear(x, Tensor.of(v.clone(), 1, v.length), Tensor.of(new float[] {c}, 1)));
        return new Activations(values, outputNames());
    }
}
