package org.xai4j.explain.perturbation;

/**
 * Options of {@link FeaturePermutation}, one field per CLI option.
 *
 * @param featureMask {@code --feature-mask}: groups permuted together; null permutes one element at a time
 * @param seed        {@code --seed}: the Philox key of the row permutations
 * @param batchSize   {@code --batch-size}: rows per forward pass
 */
public record FeaturePermutationOptions(FeatureMask featureMask, long seed, int batchSize) {
    public FeaturePermutationOptions {
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** One element at a time, seed 0, the default batch size. */
    public FeaturePermutationOptions() {
        this(null, 0L, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
