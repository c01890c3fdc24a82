package org.xai4j.explain.perturbation;

import org.xai4j.explain.Baseline;

/**
 * Options of {@link FeatureAblation}, one field per CLI option.
 *
 * @param baseline    {@code --baseline}: the value an ablated feature takes
 * @param featureMask {@code --feature-mask}: groups ablated together; null ablates one element at a time
 * @param batchSize   {@code --batch-size}: rows per forward pass
 */
public record FeatureAblationOptions(Baseline baseline, FeatureMask featureMask, int batchSize) {
    public FeatureAblationOptions {
        if (baseline == null) baseline = Baseline.ZERO;
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** Baseline 0, one element at a time, the default batch size. */
    public FeatureAblationOptions() {
        this(Baseline.ZERO, null, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
