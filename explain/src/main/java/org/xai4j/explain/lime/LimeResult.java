package org.xai4j.explain.lime;

import org.xai4j.engine.tensor.Tensor;

/**
 * What {@link Lime} fitted for each row.
 *
 * @param attributions shaped like the input: each element gets its feature's surrogate coefficient
 * @param coefficients per row, the surrogate's coefficient of each interpretable feature (groups in
 *                     increasing label order)
 * @param intercepts   per row, the surrogate's intercept
 * @param r2           per row, the surrogate's weighted R² on its samples (LIME's {@code score})
 */
public record LimeResult(Tensor attributions, double[][] coefficients, double[] intercepts, double[] r2) {}
