package org.xai4j.explain.perturbation;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Feature permutation within the batch (Breiman, "Random Forests", 2001; Fisher, Rudin and Dominici
 * 2019): attr_i(e) = f(x_i) − f(x_i with the feature of e taken from row π(i)), π a random permutation
 * of the rows drawn afresh for each feature.
 *
 * <p>As Captum 0.7 {@code FeaturePermutation}: features are the mask's labels (every element without
 * a mask), a permutation equal to the identity is redrawn, and the batch needs at least two rows. The
 * permutation of the q-th feature (labels in increasing order) comes from Philox stream q under the
 * seed, so results depend on the seed only, not on the batch size.
 */
public final class FeaturePermutation implements AttributionMethod {
    private final FeaturePermutationOptions options;

    public FeaturePermutation(FeaturePermutationOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "feature-permutation";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        int rows = shape[0];
        if (rows < 2) {
            throw new IllegalArgumentException("feature permutation shuffles rows within the batch and needs at least 2 rows, got input "
                    + Shape.str(shape));
        }
        int[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        BatchedForward forward = new BatchedForward(model, rowShape, options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        int d = x.rowSize();
        int[] labels = labels(options.featureMask(), shape, rows, d);
        int[] features = Arrays.stream(labels).distinct().sorted().toArray();
        int[][] permutations = new int[features.length][];
        for (int q = 0; q < features.length; q++) permutations[q] = permutation(options.seed(), q, rows);
        float[] values = x.values();
        float[] attr = new float[values.length];
        // perturbation p = q * rows + i: row i with feature q taken from row permutations[q][i]
        forward.scores((long) features.length * rows,
                (p, dest, off) -> {
                    int q = (int) (p / rows), i = (int) (p % rows), from = permutations[q][i];
                    x.copyRow(i, dest, off);
                    for (int e = 0; e < d; e++) {
                        if (labels[i * d + e] == features[q]) dest[off + e] = values[from * d + e];
                    }
                },
                p -> x.targets()[(int) (p % rows)],
                (p, score) -> {
                    int q = (int) (p / rows), i = (int) (p % rows);
                    float drop = (float) (x.score(i) - score);
                    for (int e = 0; e < d; e++) if (labels[i * d + e] == features[q]) attr[i * d + e] = drop;
                });
        return Tensor.of(attr, shape);
    }

    private static int[] labels(FeatureMask mask, int[] shape, int rows, int d) {
        if (mask != null) return mask.resolve(shape);
        int[] labels = new int[rows * d];
        for (int i = 0; i < labels.length; i++) labels[i] = i % d;
        return labels;
    }

    /** A random permutation of the rows that is not the identity (Captum redraws the identity). */
    static int[] permutation(long seed, long stream, int rows) {
        RandomStream random = new RandomStream(seed, stream);
        while (true) {
            int[] p = random.permutation(rows);
            for (int i = 0; i < rows; i++) if (p[i] != i) return p;
        }
    }
}
