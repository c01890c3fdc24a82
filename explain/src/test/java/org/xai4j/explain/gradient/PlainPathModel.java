package org.xai4j.explain.gradient;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.AffineInput;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;

/**
 * A model passed on unchanged, except that it may hide its affine first layer ({@link Model#affineInput}),
 * so integrated gradients takes the plain path from the input; counts the runs that start from that layer's
 * value (given, not computed) and the others.
 */
final class PlainPathModel implements Model {
    private final Model inner;
    private final boolean exposeLayer;
    final AtomicInteger fromLayer = new AtomicInteger(), fromInput = new AtomicInteger();

    private PlainPathModel(Model inner, boolean exposeLayer) {
        this.inner = inner;
        this.exposeLayer = exposeLayer;
    }

    /** The model without its affine first layer: integrated gradients runs every pass from the input. */
    static PlainPathModel of(Model inner) {
        return new PlainPathModel(inner, false);
    }

    /** The model as it is, counting. */
    static PlainPathModel counting(Model inner) {
        return new PlainPathModel(inner, true);
    }

    @Override public List<String> inputNames() { return inner.inputNames(); }
    @Override public List<String> outputNames() { return inner.outputNames(); }
    @Override public boolean concurrentPasses() { return inner.concurrentPasses(); }
    @Override public Optional<AffineInput> affineInput() { return exposeLayer ? inner.affineInput() : Optional.empty(); }

    @Override
    public Activations run(List<org.xai4j.engine.tensor.Tensor> inputs, RunOptions options) {
        boolean given = inner.affineInput().map(a -> ActivationOverride.fixedNames().contains(a.value())).orElse(false);
        (given ? fromLayer : fromInput).incrementAndGet();
        return inner.run(inputs, options);
    }
}
