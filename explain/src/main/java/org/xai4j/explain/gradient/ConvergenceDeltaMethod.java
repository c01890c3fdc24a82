package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * A method whose attributions should add up to f_t(x) − f_t(baseline) (completeness, summation-to-delta),
 * and that can say per row how far they are from it.
 */
public interface ConvergenceDeltaMethod extends AttributionMethod {
    /** The attributions and each row's Σ attr − (f_t(x) − f_t(baseline)). */
    AttributionWithDelta attributeWithDelta(Model model, Tensor inputs, int[] targets);
}
