package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.Batches;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * The inputs on the straight path from the baseline to each row, b + α_k (x − b), evaluated
 * {@code batchSize} (row, step) pairs at a time in row-major order (row by row, step by step), with the
 * layer's value and its gradient at each: what {@link InternalInfluence} and {@link LayerConductance}
 * integrate. The order makes the numbers independent of the batch size.
 */
final class LayerPath {
    /** Receives, in order, each (row, step)'s layer value and gradient. */
    @FunctionalInterface
    interface Visitor {
        void visit(int row, int step, float[] activation, int activationOffset, float[] gradient, int gradientOffset);
    }

    private LayerPath() {}

    /** The layer value's shape for one row, (1, ...), from a pass over the first row. */
    static int[] rowShape(Model model, Tensor inputs, String layer) {
        int[] s = LayerValues.activation(model, GradientSupport.rows(inputs, 0, GradientSupport.probeRows(inputs)), layer).shape();
        s[0] = 1;
        return s;
    }

    /** Visits every (row, step) of {@code alphas}. */
    static void walk(Model model, Tensor inputs, int[] targets, Baseline baseline, String layer, double[] alphas, int batchSize,
                      Visitor visitor) {
        Baseline.PerRow base = baseline.perRow(inputs.shape());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), steps = alphas.length;
        float[] x = inputs.contiguous().toArray(), bv = base.values();
        Batches.forEach(n, steps, batchSize, c -> {
            int m = c.size();
            float[] points = c.buffer(rs);
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                float a = (float) alphas[c.sample(i)];
                int po = i * rs, xo = r * rs, bo = base.offset(r);
                for (int j = 0; j < rs; j++) points[po + j] = bv[bo + j] + a * (x[xo + j] - bv[bo + j]);
            }
            LayerGradients lg = LayerGradients.of(model, Tensor.of(points, c.shape(inputs.shape())), c.perPair(targets), layer);
            float[] av = lg.activation().toArray(), gv = lg.gradient().toArray();
            int ls = av.length / m;
            for (int i = 0; i < m; i++) visitor.visit(c.row(i), c.sample(i), av, i * ls, gv, i * ls);
        });
    }

    /** An (N, ...) tensor from per-row accumulators and the one-row shape. */
    static Tensor toTensor(double[] acc, int n, int[] rowShape) {
        float[] out = new float[acc.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) acc[i];
        int[] shape = rowShape.clone();
        shape[0] = n;
        return Tensor.of(out, shape);
    }

    /** Values per row of a layer of one-row shape (1, ...). */
    static int size(int[] rowShape) {
        int s = 1;
        for (int i = 1; i < rowShape.length; i++) s *= rowShape[i];
        return s;
    }
}
