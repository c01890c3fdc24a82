package org.xai4j.explain.shapley;

import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.perturbation.BatchedForward;

/**
 * Options of {@link LinearShap}, one field per CLI option.
 *
 * @param background {@code --background}: reference rows (B, ...); their mean is the reference point
 * @param batchSize  {@code --batch-size}: rows per forward pass
 */
public record LinearShapOptions(Tensor background, int batchSize) {
    public LinearShapOptions {
        if (background == null) throw new IllegalArgumentException("linear-shap needs --background rows (their mean is the reference)");
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    public LinearShapOptions(Tensor background) {
        this(background, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
