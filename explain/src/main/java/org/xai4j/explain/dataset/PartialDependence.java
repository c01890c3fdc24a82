package org.xai4j.explain.dataset;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.perturbation.BatchedForward;

/**
 * Partial dependence (Friedman, "Greedy Function Approximation", Annals of Statistics 2001) and
 * individual conditional expectation curves (Goldstein et al., JCGS 2015):
 * PD(v) = (1/N) Σ_i f(x_i with x_S = v), ICE_i(v) = f(x_i with x_S = v).
 *
 * <p>As scikit-learn's {@code partial_dependence(method="brute")}: each feature's grid is its sorted
 * unique values when there are fewer than {@code grid} of them, else {@code grid} evenly spaced points
 * between its 5th and 95th percentiles ({@code scipy.stats.mstats.mquantiles}, alphap = betap = 0.4);
 * two features give the Cartesian grid. All output columns are returned.
 */
public final class PartialDependence {
    private final PartialDependenceOptions options;

    public PartialDependence(PartialDependenceOptions options) {
        this.options = options;
    }

    /** @param data the rows (N, ...) averaged over; not modified */
    public PartialDependenceResult compute(Model model, Tensor data) {
        int[] shape = data.shape();
        if (shape.length < 2 || shape[0] < 1) {
            throw new IllegalArgumentException("partial dependence needs data of shape (N, features...), got " + Shape.str(shape));
        }
        int rows = shape[0];
        float[] x = data.toArray();
        int d = x.length / rows;
        int[] feature = options.feature();
        for (int f : feature) {
            if (f < 0 || f >= d) throw new IllegalArgumentException("--feature " + f + " is outside a row of " + d + " values");
        }
        double[][] grid = new double[feature.length][];
        for (int a = 0; a < feature.length; a++) grid[a] = grid(x, rows, d, feature[a], options.grid());
        int g1 = grid[0].length, g2 = feature.length == 2 ? grid[1].length : 1, points = g1 * g2;

        BatchedForward forward = new BatchedForward(model, Arrays.copyOfRange(shape, 1, shape.length), options.batchSize());
        double[][] sum = new double[1][];
        float[][] ice = new float[1][];
        int[] columns = new int[1];
        // perturbation p = point * rows + i: row i with the feature(s) at grid point (point / g2, point % g2)
        forward.run((long) points * rows,
                (p, dest, off) -> {
                    int i = (int) (p % rows), point = (int) (p / rows);
                    System.arraycopy(x, i * d, dest, off, d);
                    dest[off + feature[0]] = (float) grid[0][point / g2];
                    if (feature.length == 2) dest[off + feature[1]] = (float) grid[1][point % g2];
                },
                (first, count, out, cols) -> {
                    if (sum[0] == null) {
                        columns[0] = cols;
                        sum[0] = new double[cols * points];
                        if (options.ice()) ice[0] = new float[rows * cols * points];
                    }
                    for (int b = 0; b < count; b++) {
                        long p = first + b;
                        int i = (int) (p % rows), point = (int) (p / rows);
                        for (int c = 0; c < cols; c++) {
                            float v = out[b * cols + c];
                            sum[0][c * points + point] += v;
                            if (ice[0] != null) ice[0][(i * cols + c) * points + point] = v;
                        }
                    }
                });
        int c = columns[0];
        float[] average = new float[c * points];
        for (int k = 0; k < average.length; k++) average[k] = (float) (sum[0][k] / rows);
        Tensor avg = feature.length == 1 ? Tensor.of(average, c, g1) : Tensor.of(average, c, g1, g2);
        return new PartialDependenceResult(grid, avg, ice[0] == null ? null : Tensor.of(ice[0], rows, c, g1));
    }

    /** scikit-learn's {@code _grid_from_X} for one feature. */
    static double[] grid(float[] x, int rows, int d, int feature, int resolution) {
        double[] column = new double[rows];
        for (int i = 0; i < rows; i++) column[i] = x[i * d + feature];
        Arrays.sort(column);
        double[] unique = Arrays.stream(column).distinct().toArray();
        if (unique.length < resolution) return unique;
        double lo = mquantile(column, 0.05), hi = mquantile(column, 0.95);
        if (Math.abs(hi - lo) <= 1e-8 + 1e-5 * Math.abs(hi)) {
            throw new IllegalArgumentException("feature " + feature + ": its 5th and 95th percentiles are too close to build a grid");
        }
        double[] axis = new double[resolution];
        for (int k = 0; k < resolution; k++) axis[k] = lo + (hi - lo) * k / (resolution - 1);
        axis[resolution - 1] = hi; // numpy's linspace makes the endpoint exact
        return axis;
    }

    /**
     * scipy.stats.mstats.mquantiles with alphap = betap = 0.4 on sorted data:
     * m = 0.4 + 0.2p, j = floor(clip(np + m, 1, n−1)), γ = clip(np + m − j, 0, 1), q = (1−γ) x[j−1] + γ x[j].
     */
    static double mquantile(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 1) return sorted[0];
        double aleph = n * p + 0.4 + p * (1 - 0.4 - 0.4);
        int k = (int) Math.floor(Math.min(Math.max(aleph, 1), n - 1));
        double gamma = Math.min(Math.max(aleph - k, 0), 1);
        return (1 - gamma) * sorted[k - 1] + gamma * sorted[k];
    }
}
