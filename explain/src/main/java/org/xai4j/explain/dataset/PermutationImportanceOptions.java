package org.xai4j.explain.dataset;

import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureMask;

/**
 * Options of {@link PermutationImportance}, one field per CLI option.
 *
 * @param metric      {@code --metric}: accuracy, logloss, r2 or mse
 * @param repeats     {@code --repeats}: permutations per feature (scikit-learn's default n_repeats is 5)
 * @param seed        {@code --seed}: the Philox key of the permutations
 * @param featureMask {@code --feature-mask}: features permuted together (the same for every row); null
 *                    permutes each element (column) alone
 * @param batchSize   {@code --batch-size}: rows per forward pass
 */
public record PermutationImportanceOptions(Metric metric, int repeats, long seed, FeatureMask featureMask, int batchSize) {
    public static final int DEFAULT_REPEATS = 5;

    public PermutationImportanceOptions {
        if (metric == null) throw new IllegalArgumentException("permutation importance needs a --metric: accuracy, logloss, r2 or mse");
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** 5 repeats, seed 0, one feature per column, the default batch size. */
    public PermutationImportanceOptions(Metric metric) {
        this(metric, DEFAULT_REPEATS, 0L, null, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
