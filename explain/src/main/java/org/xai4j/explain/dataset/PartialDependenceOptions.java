package org.xai4j.explain.dataset;

import org.xai4j.explain.perturbation.BatchedForward;

/**
 * Options of {@link PartialDependence}, one field per CLI option.
 *
 * @param feature   {@code --feature}: one or two features, as flat element indices within a row (the column for tabular data)
 * @param grid      {@code --grid}: grid points per feature (scikit-learn's grid_resolution, default 100)
 * @param ice       {@code --ice}: also return each row's curve (one feature only)
 * @param batchSize {@code --batch-size}: rows per forward pass
 */
public record PartialDependenceOptions(int[] feature, int grid, boolean ice, int batchSize) {
    public static final int DEFAULT_GRID = 100;

    public PartialDependenceOptions {
        if (feature == null || feature.length < 1 || feature.length > 2) {
            throw new IllegalArgumentException("partial dependence takes one or two --feature indices, got "
                    + (feature == null ? "none" : feature.length));
        }
        feature = feature.clone();
        if (feature.length == 2 && feature[0] == feature[1]) {
            throw new IllegalArgumentException("the two --feature indices must differ, got " + feature[0] + " twice");
        }
        if (grid < 2) throw new IllegalArgumentException("--grid must be at least 2, got " + grid);
        if (ice && feature.length == 2) throw new IllegalArgumentException("--ice draws one curve per row and needs a single --feature");
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }

    /** One feature, a 100-point grid, no ICE curves, the default batch size. */
    public PartialDependenceOptions(int... feature) {
        this(feature, DEFAULT_GRID, false, BatchedForward.DEFAULT_BATCH_SIZE);
    }
}
