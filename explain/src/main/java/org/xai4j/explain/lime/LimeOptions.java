package org.xai4j.explain.lime;

import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureMask;

/**
 * Options of {@link Lime}. The first six fields map to CLI options; the last two have no flag yet and
 * take their defaults from the constructors.
 *
 * @param baseline    {@code --baseline}: the value of a switched-off feature (on/off sampling); null means 0
 * @param background  {@code --background}: rows (B, F) whose per-feature standard deviations scale the
 *                    Gaussian perturbations around the input (tabular sampling); null: on/off sampling
 * @param featureMask {@code --feature-mask}: the interpretable features of on/off sampling (superpixels
 *                    for images, see {@link Superpixels}); null makes every element one
 * @param samples     {@code --samples}: perturbed inputs per row
 * @param seed        {@code --seed}: the Philox key of the perturbations (row r uses stream r)
 * @param batchSize   {@code --batch-size}: rows per forward pass
 * @param kernelWidth width of the exponential kernel; 0 for the mode's default (on/off: Captum's 1.0 on
 *                    cosine distance; Gaussian: LIME's 0.75·√F on standardized Euclidean distance)
 * @param ridge       the surrogate's ridge penalty α (LIME's default {@code Ridge(alpha=1)})
 */
public record LimeOptions(Baseline baseline, Tensor background, FeatureMask featureMask, int samples, long seed, int batchSize,
                          double kernelWidth, double ridge) {
    /** Perturbed inputs per row when not given: between Captum's 50 (too few for a stable fit) and LIME's 5000. */
    public static final int DEFAULT_SAMPLES = 1000;
    public static final double DEFAULT_RIDGE = 1.0;

    public LimeOptions {
        if (background != null && baseline != null) {
            throw new IllegalArgumentException("lime takes --baseline (on/off sampling) or --background (Gaussian sampling), not both");
        }
        if (background != null && featureMask != null) {
            throw new IllegalArgumentException("lime's --feature-mask groups on/off features; it does not apply with --background sampling");
        }
        if (samples < 2) throw new IllegalArgumentException("--samples must be at least 2, got " + samples);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        if (!(kernelWidth >= 0)) throw new IllegalArgumentException("kernel width must be >= 0 (0: default), got " + kernelWidth);
        if (!(ridge >= 0)) throw new IllegalArgumentException("ridge penalty must be >= 0, got " + ridge);
    }

    /** The CLI's options with the default kernel width and ridge penalty. */
    public LimeOptions(Baseline baseline, Tensor background, FeatureMask featureMask, int samples, long seed, int batchSize) {
        this(baseline, background, featureMask, samples, seed, batchSize, 0.0, DEFAULT_RIDGE);
    }

    /** On/off sampling against 0, every element a feature, 1000 samples, seed 0. */
    public LimeOptions() {
        this(null, null, null, DEFAULT_SAMPLES, 0L, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
