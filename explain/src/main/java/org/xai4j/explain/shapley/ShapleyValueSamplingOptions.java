package org.xai4j.explain.shapley;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureMask;

/**
 * Options of {@link ShapleyValueSampling}, one field per CLI option.
 *
 * @param baseline    {@code --baseline}: the value of a feature outside the coalition
 * @param featureMask {@code --feature-mask}: the players (groups); null makes every element a player
 * @param samples     {@code --samples}: random orderings of the players (Captum's default is 25)
 * @param seed        {@code --seed}: the Philox key of the orderings
 * @param batchSize   {@code --batch-size}: rows per forward pass
 */
public record ShapleyValueSamplingOptions(Baseline baseline, FeatureMask featureMask, int samples, long seed, int batchSize) {
    /** Captum 0.7's default number of sampled orderings. */
    public static final int DEFAULT_SAMPLES = 25;

    public ShapleyValueSamplingOptions {
        if (baseline == null) baseline = Baseline.ZERO;
        if (samples < 1) throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** Baseline 0, every element a player, 25 orderings, seed 0, the default batch size. */
    public ShapleyValueSamplingOptions() {
        this(Baseline.ZERO, null, DEFAULT_SAMPLES, 0L, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
