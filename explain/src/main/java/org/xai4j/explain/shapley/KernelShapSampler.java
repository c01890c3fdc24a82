package org.xai4j.explain.shapley;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.engine.random.RandomStream;

/**
 * The coalitions KernelSHAP evaluates and their regression weights, as SHAP's {@code KernelExplainer}
 * (shap/explainers/_kernel.py): subset sizes s get the Shapley kernel mass (M−1)/(s(M−s)) (Lundberg
 * and Lee, NeurIPS 2017, Theorem 2), a size and its complement size are paired; sizes whose share of
 * the sample budget covers all their subsets are enumerated completely (smallest first), and the rest
 * of the budget is drawn at random by size, each draw also adding its complement; a repeated draw adds
 * 1 to the weight of its earlier copy. The random part's weights are rescaled to the mass left over.
 */
final class KernelShapSampler {
    /**
     * @param masks   one boolean per player for each coalition (true: the player takes x's value)
     * @param weights the kernel weight of each coalition
     */
    record Plan(List<boolean[]> masks, double[] weights) {}

    private KernelShapSampler() {}

    /** Number of coalitions for M players given --samples (0: SHAP's "auto", 2M + 2048), capped at 2^M − 2. */
    static int sampleCount(int m, int samples) {
        long n = samples <= 0 ? 2L * m + 2048 : samples;
        if (m <= 30) n = Math.min(n, (1L << m) - 2);
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    static Plan plan(int m, int nsamples, RandomStream random) {
        if (m < 2) throw new IllegalArgumentException("KernelSHAP sampling needs at least 2 players, got " + m);
        int numSubsetSizes = (m - 1 + 1) / 2;     // ceil((M - 1) / 2)
        int numPairedSubsetSizes = (m - 1) / 2;   // floor((M - 1) / 2)
        double[] weightVector = new double[numSubsetSizes];
        double total = 0;
        for (int i = 1; i <= numSubsetSizes; i++) {
            weightVector[i - 1] = (m - 1.0) / (i * (double) (m - i));
            if (i <= numPairedSubsetSizes) weightVector[i - 1] *= 2;
            total += weightVector[i - 1];
        }
        for (int i = 0; i < numSubsetSizes; i++) weightVector[i] /= total;

        List<boolean[]> masks = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        // Enumerate every size whose share of the remaining budget covers all its subsets.
        int numFullSubsets = 0;
        double samplesLeft = nsamples;
        double[] remaining = weightVector.clone();
        for (int size = 1; size <= numSubsetSizes; size++) {
            double nsubsets = binomial(m, size);
            if (size <= numPairedSubsetSizes) nsubsets *= 2;
            if (samplesLeft * remaining[size - 1] / nsubsets >= 1.0 - 1e-8) {
                numFullSubsets++;
                samplesLeft -= nsubsets;
                if (remaining[size - 1] < 1.0) {
                    double scale = 1 - remaining[size - 1];
                    for (int i = 0; i < remaining.length; i++) remaining[i] /= scale;
                }
                double w = weightVector[size - 1] / binomial(m, size);
                if (size <= numPairedSubsetSizes) w /= 2.0;
                int[] combination = new int[size];
                for (int i = 0; i < size; i++) combination[i] = i;
                do {
                    boolean[] mask = new boolean[m];
                    for (int i : combination) mask[i] = true;
                    masks.add(mask);
                    weights.add(w);
                    if (size <= numPairedSubsetSizes) {
                        masks.add(complement(mask));
                        weights.add(w);
                    }
                } while (nextCombination(combination, m));
            } else {
                break;
            }
        }

        int fixed = masks.size();
        int left = nsamples - fixed;
        if (numFullSubsets != numSubsetSizes && left > 0) {
            // Sizes not enumerated, each drawn with its kernel mass (halved for paired sizes: a draw adds two).
            double[] draw = new double[numSubsetSizes - numFullSubsets];
            double sum = 0;
            for (int i = 0; i < draw.length; i++) {
                int size = numFullSubsets + i + 1;
                draw[i] = weightVector[size - 1] / (size <= numPairedSubsetSizes ? 2 : 1);
                sum += draw[i];
            }
            for (int i = 0; i < draw.length; i++) draw[i] /= sum;
            Map<BitSet, Integer> used = new HashMap<>();
            int[] players = new int[m];
            for (int attempts = 0; left > 0 && attempts < 4 * (nsamples - fixed); attempts++) {
                int size = numFullSubsets + 1 + choose(draw, random.nextDouble());
                for (int i = 0; i < m; i++) players[i] = i;
                random.shuffle(players);
                boolean[] mask = new boolean[m];
                BitSet key = new BitSet(m);
                for (int i = 0; i < size; i++) {
                    mask[players[i]] = true;
                    key.set(players[i]);
                }
                Integer seen = used.get(key);
                if (seen == null) {
                    used.put(key, masks.size());
                    masks.add(mask);
                    weights.add(1.0);
                    left--;
                } else {
                    weights.set(seen, weights.get(seen) + 1.0);
                }
                if (left > 0 && size <= numPairedSubsetSizes) {
                    if (seen == null) {
                        masks.add(complement(mask));
                        weights.add(1.0);
                        left--;
                    } else {
                        weights.set(seen + 1, weights.get(seen + 1) + 1.0);
                    }
                }
            }
            double weightLeft = 0;
            for (int i = numFullSubsets; i < numSubsetSizes; i++) weightLeft += weightVector[i];
            double drawn = 0;
            for (int k = fixed; k < weights.size(); k++) drawn += weights.get(k);
            for (int k = fixed; k < weights.size(); k++) weights.set(k, weights.get(k) * weightLeft / drawn);
        }
        double[] w = new double[weights.size()];
        for (int k = 0; k < w.length; k++) w[k] = weights.get(k);
        return new Plan(masks, w);
    }

    /** The index i with cdf(i-1) <= u < cdf(i) for probabilities p (the last index on rounding). */
    private static int choose(double[] p, double u) {
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) return i;
        }
        return p.length - 1;
    }

    private static boolean[] complement(boolean[] mask) {
        boolean[] c = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) c[i] = !mask[i];
        return c;
    }

    /** Next k-combination of 0..n-1 in lexicographic order (itertools.combinations order); false after the last. */
    private static boolean nextCombination(int[] c, int n) {
        int k = c.length;
        int i = k - 1;
        while (i >= 0 && c[i] == n - k + i) i--;
        if (i < 0) return false;
        c[i]++;
        for (int j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
        return true;
    }

    static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) b = b * (n - k + i) / i;
        return b;
    }
}
