package org.xai4j.explain.gradient;

import org.xai4j.engine.tensor.Tensor;

/**
 * Attributions and, per row, the convergence delta Σ attr − (f_t(x) − f_t(baseline)) (Captum's
 * {@code return_convergence_delta=True}); near 0 for a method that satisfies completeness.
 */
public record AttributionWithDelta(Tensor attributions, float[] delta) {}
