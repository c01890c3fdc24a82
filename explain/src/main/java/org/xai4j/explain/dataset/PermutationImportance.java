package org.xai4j.explain.dataset;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureGroups;

/**
 * Permutation feature importance (Breiman, "Random Forests", Machine Learning 2001; Fisher, Rudin and
 * Dominici, JMLR 2019): importance_j = score(f, X, y) − score(f, X with feature j's values shuffled
 * across rows, y), averaged over repeats (sign flipped for losses, so larger is always more important).
 *
 * <p>As scikit-learn's {@code permutation_importance}: repeat k uses the same row permutation for
 * every feature (scikit-learn reseeds each feature's shuffles from one seed); here it is the Philox
 * permutation of stream k under the seed. Rows are evaluated {@code batchSize} at a time; only the
 * outputs of one (feature, repeat) pass are held.
 */
public final class PermutationImportance {
    private final PermutationImportanceOptions options;

    public PermutationImportance(PermutationImportanceOptions options) {
        this.options = options;
    }

    /**
     * @param data   the rows (N, ...); not modified
     * @param labels one label per row: a class index or a regression target; not modified
     */
    public PermutationImportanceResult compute(Model model, Tensor data, Tensor labels) {
        int[] shape = data.shape();
        int rows = shape[0];
        if (shape.length < 2 || rows < 2) {
            throw new IllegalArgumentException("permutation importance needs data of shape (N, features...) with N >= 2, got " + Shape.str(shape));
        }
        float[] y = labels.toArray();
        if (y.length != rows) {
            throw new IllegalArgumentException("got " + y.length + " labels for " + rows + " data rows");
        }
        if (options.featureMask() != null && !options.featureMask().sameForEveryRow(shape)) {
            throw new IllegalArgumentException("permutation importance needs one --feature-mask for all rows, got a mask of shape "
                    + Shape.str(options.featureMask().shape()));
        }
        FeatureGroups groups = FeatureGroups.of(options.featureMask(), shape);
        int features = groups.count(0), repeats = options.repeats();
        int[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        BatchedForward forward = new BatchedForward(model, rowShape, options.batchSize());
        float[] x = data.toArray();
        int d = x.length / rows;
        Metric metric = options.metric();

        float[][] base = new float[1][];
        int[] columns = new int[1];
        forward.run(rows, (i, dest, off) -> System.arraycopy(x, (int) i * d, dest, off, d), (first, count, out, cols) -> {
            if (base[0] == null) {
                base[0] = new float[rows * cols];
                columns[0] = cols;
            }
            System.arraycopy(out, 0, base[0], (int) first * cols, count * cols);
        });
        int c = columns[0];
        metric.checkLabels(y, c);
        boolean probabilities = Metric.looksLikeProbabilities(base[0], c);
        double baseline = metric.score(base[0], c, y, probabilities);

        int[][] permutations = new int[repeats][];
        for (int k = 0; k < repeats; k++) permutations[k] = new RandomStream(options.seed(), k).permutation(rows);
        double[][] importances = new double[features][repeats];
        float[] pass = new float[rows * c];
        // perturbation p = (j * repeats + k) * rows + i: row i with feature j from row permutations[k][i]
        forward.run((long) features * repeats * rows,
                (p, dest, off) -> {
                    int i = (int) (p % rows);
                    long jk = p / rows;
                    int j = (int) (jk / repeats), k = (int) (jk % repeats);
                    System.arraycopy(x, i * d, dest, off, d);
                    groups.copyGroup(0, j, x, permutations[k][i] * d, dest, off);
                },
                (first, count, out, cols) -> {
                    for (int b = 0; b < count; b++) {
                        long p = first + b;
                        int i = (int) (p % rows);
                        System.arraycopy(out, b * cols, pass, i * cols, cols);
                        if (i == rows - 1) {
                            long jk = p / rows;
                            double score = metric.score(pass, c, y, probabilities);
                            importances[(int) (jk / repeats)][(int) (jk % repeats)] = metric.higherIsBetter() ? baseline - score : score - baseline;
                        }
                    }
                });

        double[] mean = new double[features], std = new double[features];
        int[] labelsOfFeatures = new int[features];
        for (int j = 0; j < features; j++) {
            labelsOfFeatures[j] = groups.label(0, j);
            for (double v : importances[j]) mean[j] += v / repeats;
            for (double v : importances[j]) std[j] += (v - mean[j]) * (v - mean[j]) / repeats;
            std[j] = Math.sqrt(std[j]);
        }
        return new PermutationImportanceResult(baseline, labelsOfFeatures, importances, mean, std);
    }
}
