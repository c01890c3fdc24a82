package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.Batches;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/** The convergence delta of a baseline method, per row: Σ_j attr[r, j] − (f_t(x_r) − f_t(b_r)), attr shaped (N, ...) like the input or a layer. */
final class Completeness {
    private Completeness() {}

    static float[] delta(Model model, Tensor inputs, Baseline.PerRow base, Tensor attr, int[] targets, int batchSize) {
        // attributions shaped like the input, or like a layer's value (layer attributions): summed per row
        int n = inputs.size(0), rs = attr.numel() / n;
        float[] a = attr.contiguous().toArray();
        float[] delta = new float[n];
        Batches.forEach(n, 1, batchSize, c -> {
            int s = c.firstRow(), e = c.endRow();
            int[] t = GradientSupport.slice(targets, s, e);
            float[] fx = GradientSupport.scores(model, GradientSupport.rows(inputs, s, e), t);
            float[] fb = GradientSupport.scores(model, base.rows(s, e), t);
            for (int r = s; r < e; r++) {
                double sum = 0;
                for (int j = 0; j < rs; j++) sum += a[r * rs + j];
                delta[r] = (float) (sum - ((double) fx[r - s] - fb[r - s]));
            }
        });
        return delta;
    }
}
