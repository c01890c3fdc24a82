package org.xai4j.explain.dataset;

import org.xai4j.engine.tensor.Tensor;

/**
 * Partial dependence of every output column on one or two features.
 *
 * @param grid    per feature, its grid values (G, or G1 and G2)
 * @param average the mean output over the rows with the feature(s) set to each grid point: (C, G) or (C, G1, G2)
 * @param ice     each row's curve, (N, C, G); null unless asked for
 */
public record PartialDependenceResult(double[][] grid, Tensor average, Tensor ice) {}
