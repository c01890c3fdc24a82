package org.xai4j.explain.shapley;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureMask;

/**
 * Options of {@link ShapleyValues}, one field per CLI option.
 *
 * @param baseline    {@code --baseline}: the value of a feature outside the coalition
 * @param featureMask {@code --feature-mask}: the players (groups); null makes every element a player
 * @param batchSize   {@code --batch-size}: rows per forward pass
 */
public record ShapleyValuesOptions(Baseline baseline, FeatureMask featureMask, int batchSize) {
    public ShapleyValuesOptions {
        if (baseline == null) baseline = Baseline.ZERO;
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** Baseline 0, every element a player, the default batch size. */
    public ShapleyValuesOptions() {
        this(Baseline.ZERO, null, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
