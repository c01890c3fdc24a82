package org.xai4j.explain.testing;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;

/** Helpers for Shapley tests: a small random nonlinear model and a brute-force permutation average. */
public final class Games {
    private Games() {}

    /** A random 2-layer tanh MLP features → 8 → outputs, weights from Philox(seed). */
    public static FunctionModel randomMlp(int features, int outputs, long seed) {
        RandomStream random = new RandomStream(seed, 0);
        float[] w1 = new float[8 * features], b1 = new float[8], w2 = new float[outputs * 8], b2 = new float[outputs];
        random.fillNormal(w1, 0, w1.length);
        random.fillNormal(b1, 0, b1.length);
        random.fillNormal(w2, 0, w2.length);
        random.fillNormal(b2, 0, b2.length);
        Tensor tw1 = Tensor.of(w1, 8, features), tb1 = Tensor.of(b1, 8), tw2 = Tensor.of(w2, outputs, 8), tb2 = Tensor.of(b2, outputs);
        return new FunctionModel(x -> Ops.linear(Ops.tanh(Ops.linear(x, tw1, tb1)), tw2, tb2));
    }

    /** Normal random rows (rows, features) from Philox(seed). */
    public static Tensor normalRows(int rows, int features, long seed) {
        float[] v = new float[rows * features];
        new RandomStream(seed, 1).fillNormal(v, 0, v.length);
        return Tensor.of(v, rows, features);
    }

    /** f(x)[target] for one row. */
    public static double value(Model model, float[] row, int target) {
        Tensor out = model.forward(Tensor.of(row.clone(), 1, row.length));
        return out.dim() == 1 ? out.get(0) : out.get(0, target);
    }

    /**
     * Shapley values of one row by Captum's definition, the average over all orderings of the features
     * of the marginal contribution (x replacing the baseline one feature at a time), computed naively.
     */
    public static double[] permutationAverage(Model model, float[] x, float[] baseline, int target) {
        int n = x.length;
        double[] phi = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long count = 0;
        do {
            float[] row = baseline.clone();
            double previous = value(model, row, target);
            for (int k = 0; k < n; k++) {
                row[order[k]] = x[order[k]];
                double v = value(model, row, target);
                phi[order[k]] += v - previous;
                previous = v;
            }
            count++;
        } while (nextPermutation(order));
        for (int i = 0; i < n; i++) phi[i] /= count;
        return phi;
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) i--;
        if (i < 0) return false;
        int j = a.length - 1;
        while (a[j] <= a[i]) j--;
        int t = a[i]; a[i] = a[j]; a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) { t = a[l]; a[l] = a[r]; a[r] = t; }
        return true;
    }
}
