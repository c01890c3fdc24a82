package org.xai4j.explain.shapley;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureGroups;
import org.xai4j.explain.perturbation.Originals;

/**
 * Shapley value sampling (Castro, Gómez and Tejada, "Polynomial calculation of the Shapley value based
 * on sampling", Computers & Operations Research 2009): φ_i ≈ (1/n) Σ_{orderings π} [v(pre_π(i) ∪ {i}) −
 * v(pre_π(i))], with v(S) = f(x on S, baseline elsewhere).
 *
 * <p>As Captum 0.7 {@code ShapleyValueSampling(n_samples)}: each ordering starts from the baseline and
 * adds the groups one at a time, so the marginals of one ordering sum to f(x) − f(baseline) exactly;
 * rows with the same number of groups share each ordering. Ordering s is the Philox permutation of
 * stream s under the seed, so the result depends on the seed only.
 */
public final class ShapleyValueSampling implements AttributionMethod {
    private final ShapleyValueSamplingOptions options;

    public ShapleyValueSampling(ShapleyValueSamplingOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "shapley-sampling";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        int rows = shape[0], samples = options.samples();
        FeatureGroups groups = FeatureGroups.of(options.featureMask(), shape);
        BatchedForward forward = new BatchedForward(model, Arrays.copyOfRange(shape, 1, shape.length), options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        Coalitions coalitions = new Coalitions(x, groups, options.baseline().resolve(shape));
        // Row r's perturbations: the empty coalition, then for each ordering s its prefixes of 1..G groups.
        long[] offsets = new long[rows + 1];
        for (int r = 0; r < rows; r++) offsets[r + 1] = offsets[r] + 1 + (long) samples * groups.count(r);
        Orderings fillOrder = new Orderings(options.seed()), sinkOrder = new Orderings(options.seed());
        int d = x.rowSize();
        float[] attr = new float[x.values().length];
        double[] phi = new double[groups.maxCount()];
        double[] last = new double[2]; // value of the empty coalition, value of the previous prefix
        forward.scores(offsets[rows],
                (p, dest, off) -> {
                    int r = FeatureGroups.rowOf(offsets, p);
                    long local = p - offsets[r];
                    if (local == 0) {
                        coalitions.fillPrefix(r, null, 0, dest, off);
                        return;
                    }
                    int g = groups.count(r);
                    int s = (int) ((local - 1) / g), k = (int) ((local - 1) % g);
                    coalitions.fillPrefix(r, fillOrder.get(s, g), k + 1, dest, off);
                },
                p -> x.targets()[FeatureGroups.rowOf(offsets, p)],
                (p, score) -> {
                    int r = FeatureGroups.rowOf(offsets, p);
                    long local = p - offsets[r];
                    int g = groups.count(r);
                    if (local == 0) {
                        Arrays.fill(phi, 0);
                        last[0] = score;
                        return;
                    }
                    int s = (int) ((local - 1) / g), k = (int) ((local - 1) % g);
                    double previous = k == 0 ? last[0] : last[1];
                    phi[sinkOrder.get(s, g)[k]] += score - previous;
                    last[1] = score;
                    if (local == offsets[r + 1] - offsets[r] - 1) {
                        for (int e = 0; e < d; e++) attr[r * d + e] = (float) (phi[groups.groupOf(r)[e]] / samples);
                    }
                });
        return Tensor.of(attr, shape);
    }

    /** The ordering of sample s over g groups, cached while consecutive calls ask for the same one. */
    private static final class Orderings {
        private final long seed;
        private int sample = -1, size = -1;
        private int[] order;

        Orderings(long seed) {
            this.seed = seed;
        }

        int[] get(int s, int g) {
            if (s != sample || g != size) {
                order = new RandomStream(seed, s).permutation(g);
                sample = s;
                size = g;
            }
            return order;
        }
    }
}
