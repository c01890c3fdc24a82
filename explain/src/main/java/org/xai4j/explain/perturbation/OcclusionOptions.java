package org.xai4j.explain.perturbation;

import org.xai4j.explain.Baseline;

/**
 * Options of {@link Occlusion}, one field per CLI option.
 *
 * @param window    {@code --window}: the sliding window's size along each non-batch axis
 * @param stride    {@code --stride}: the step along each axis (one value applies to all axes; null: 1)
 * @param baseline  {@code --baseline}: the value occluded elements take
 * @param batchSize {@code --batch-size}: rows per forward pass
 */
public record OcclusionOptions(int[] window, int[] stride, Baseline baseline, int batchSize) {
    public OcclusionOptions {
        if (window == null || window.length == 0) throw new IllegalArgumentException("occlusion needs --window sizes");
        window = window.clone();
        stride = stride == null ? null : stride.clone();
        if (baseline == null) baseline = Baseline.ZERO;
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** A window with stride 1, baseline 0 and the default batch size. */
    public OcclusionOptions(int... window) {
        this(window, null, Baseline.ZERO, BatchedForward.DEFAULT_BATCH_SIZE);
    }

    /** The stride for a row of {@code rank} axes: as given, one value repeated, or 1 (Captum's default). */
    int[] strideFor(int rank) {
        int[] s = new int[rank];
        if (stride == null) {
            java.util.Arrays.fill(s, 1);
        } else if (stride.length == 1) {
            java.util.Arrays.fill(s, stride[0]);
        } else {
            return stride.clone();
        }
        return s;
    }
}
