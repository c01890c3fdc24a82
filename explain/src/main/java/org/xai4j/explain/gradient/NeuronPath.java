package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.Batches;
import org.xai4j.engine.tensor.Tensor;

/**
 * Integrated gradients of a unit along the input path (Sundararajan et al. 2017, eq. 3, with the unit as
 * the function): (x − b) ⊙ Σ_k w_k G(b + α_k (x − b)), where G is the gradient a method takes at each
 * point; the (row, step) points are evaluated {@code batchSize} at a time, row by row and step by step,
 * so the result does not depend on the batch size.
 */
final class NeuronPath {
    /** G at a chunk of points (m rows shaped like the input), the row each point belongs to; m gradients, row-major. */
    @FunctionalInterface
    interface PointGradient {
        float[] at(Tensor points, int[] rowOfPoint);
    }

    private NeuronPath() {}

    static Tensor integrate(Tensor inputs, Baseline baseline, int steps, Integration integration, int batchSize, PointGradient gradient) {
        Baseline.PerRow base = baseline.perRow(inputs.shape());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs);
        double[] alphas = integration.alphas(steps), weights = integration.weights(steps);
        float[] x = inputs.contiguous().toArray(), bv = base.values();
        double[] acc = new double[n * rs];
        Batches.forEach(n, steps, batchSize, c -> {
            int m = c.size();
            float[] points = c.buffer(rs);
            int[] rowOf = new int[m];
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                float a = (float) alphas[c.sample(i)];
                rowOf[i] = r;
                int po = i * rs, xo = r * rs, bo = base.offset(r);
                for (int j = 0; j < rs; j++) points[po + j] = bv[bo + j] + a * (x[xo + j] - bv[bo + j]);
            }
            float[] g = gradient.at(Tensor.of(points, c.shape(inputs.shape())), rowOf);
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                double w = (float) weights[c.sample(i)]; // Captum multiplies by float32 step sizes
                for (int j = 0; j < rs; j++) acc[r * rs + j] += w * g[i * rs + j];
            }
        });
        float[] out = new float[n * rs];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < rs; j++) out[r * rs + j] = (float) (acc[r * rs + j] * (x[r * rs + j] - base.get(r, j)));
        }
        return Tensor.of(out, inputs.shape());
    }
}
