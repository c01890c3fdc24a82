package org.xai4j.explain.shapley;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureGroups;
import org.xai4j.explain.perturbation.Originals;

/**
 * Exact Shapley values (Shapley 1953) of the feature groups of each row:
 * φ_i = Σ_{S ⊆ G∖{i}} |S|!(|G|−|S|−1)!/|G|! · [v(S ∪ {i}) − v(S)], with v(S) = f(x on S, baseline elsewhere).
 *
 * <p>Equal to Captum 0.7 {@code ShapleyValues} (the average marginal contribution over all |G|!
 * orderings, each element of a group getting the group's value) but computed from the 2^|G| coalition
 * values, |G|·2^|G| work instead of |G|·|G|!. Refuses more than {@value #MAX_GROUPS} groups.
 */
public final class ShapleyValues implements AttributionMethod {
    /** The most groups evaluated exactly: 2^20 coalitions per row. */
    public static final int MAX_GROUPS = 20;

    private final ShapleyValuesOptions options;

    public ShapleyValues(ShapleyValuesOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "shapley-exact";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        FeatureGroups groups = FeatureGroups.of(options.featureMask(), shape);
        int rows = shape[0];
        long[] offsets = new long[rows + 1];
        for (int r = 0; r < rows; r++) {
            int g = groups.count(r);
            if (g > MAX_GROUPS) {
                throw new IllegalArgumentException("exact Shapley values evaluate 2^G coalitions and stop at " + MAX_GROUPS
                        + " feature groups, but row " + r + " has " + g + ": use shapley-sampling or kernel-shap, or fewer groups with --feature-mask");
            }
            offsets[r + 1] = offsets[r] + (1L << g);
        }
        BatchedForward forward = new BatchedForward(model, Arrays.copyOfRange(shape, 1, shape.length), options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        Coalitions coalitions = new Coalitions(x, groups, options.baseline().resolve(shape));
        int d = x.rowSize();
        float[] attr = new float[x.values().length];
        double[][] value = new double[1][];
        forward.scores(offsets[rows],
                (p, dest, off) -> {
                    int r = FeatureGroups.rowOf(offsets, p);
                    coalitions.fillSubset(r, p - offsets[r], dest, off);
                },
                p -> x.targets()[FeatureGroups.rowOf(offsets, p)],
                (p, score) -> {
                    int r = FeatureGroups.rowOf(offsets, p);
                    int subset = (int) (p - offsets[r]);
                    int g = groups.count(r);
                    if (subset == 0) value[0] = new double[1 << g];
                    value[0][subset] = score;
                    if (subset == (1 << g) - 1) {
                        double[] phi = shapley(value[0], g);
                        for (int e = 0; e < d; e++) attr[r * d + e] = (float) phi[groups.groupOf(r)[e]];
                    }
                });
        return Tensor.of(attr, shape);
    }

    /**
     * Shapley values of a game on g players from its coalition values, v[S] for the bitmask S.
     * φ_i = Σ_{S ∌ i} w(|S|) (v[S ∪ i] − v[S]) with w(s) = s!(g−s−1)!/g! = 1 / (g · C(g−1, s)).
     */
    static double[] shapley(double[] v, int g) {
        double[] weight = new double[g];
        double binomial = 1; // C(g-1, s)
        for (int s = 0; s < g; s++) {
            weight[s] = 1.0 / (g * binomial);
            binomial = binomial * (g - 1 - s) / (s + 1);
        }
        double[] phi = new double[g];
        for (int subset = 0; subset < v.length; subset++) {
            double w = weight[Math.min(Integer.bitCount(subset), g - 1)];
            for (int i = 0; i < g; i++) {
                if ((subset & (1 << i)) == 0) phi[i] += w * (v[subset | (1 << i)] - v[subset]);
            }
        }
        return phi;
    }
}
