package org.xai4j.explain.shapley;

import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureMask;

/**
 * Options of {@link KernelShap}, one field per CLI option.
 *
 * @param baseline    {@code --baseline}: one reference value or row (broadcast per input row); null
 *                    with no background means 0
 * @param background  {@code --background}: reference rows (B, ...) averaged over, as SHAP's background
 *                    data; null uses the baseline
 * @param featureMask {@code --feature-mask}: the players (groups); null makes every element a player
 * @param samples     {@code --samples}: coalitions per row; 0 is SHAP's "auto" (2M + 2048), capped at 2^M − 2
 * @param seed        {@code --seed}: the Philox key of the sampled coalitions (row r uses stream r)
 * @param batchSize   {@code --batch-size}: rows per forward pass
 */
public record KernelShapOptions(Baseline baseline, Tensor background, FeatureMask featureMask, int samples, long seed,
                                int batchSize) {
    public KernelShapOptions {
        if (baseline != null && background != null) {
            throw new IllegalArgumentException("kernel-shap takes --baseline or --background, not both");
        }
        if (samples < 0) throw new IllegalArgumentException("--samples must be >= 0 (0: automatic), got " + samples);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** Baseline 0, every element a player, automatic sample count, seed 0, the default batch size. */
    public KernelShapOptions() {
        this(null, null, null, 0, 0L, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
