package org.xai4j.explain.shapley;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.Originals;

/**
 * Exact SHAP values of a linear model f(x) = W x + b (Lundberg and Lee 2017, Corollary 1, feature
 * independence): φ_e = W[target, e] · (x_e − mean of the background's e), as SHAP's
 * {@code LinearExplainer} with the interventional (independent) masker.
 *
 * <p>W and b are read off the model by d + 1 probes around the background mean, batched; the model is
 * then checked to be linear on every input and background row, and refused with a clear message
 * otherwise (use kernel-shap). Σφ = f(x) − E f(background) exactly for a linear model.
 */
public final class LinearShap implements AttributionMethod {
    /** Allowed misfit of the linear model, relative to the size of the terms summed. */
    static final double LINEARITY_TOLERANCE = 1e-3;

    private final LinearShapOptions options;

    public LinearShap(LinearShapOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "linear-shap";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        int[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        int[] bs = options.background().shape();
        if (bs.length != shape.length || !Arrays.equals(Arrays.copyOfRange(bs, 1, bs.length), rowShape) || bs[0] == 0) {
            throw new IllegalArgumentException("background of shape " + Shape.str(bs) + " does not match the input rows "
                    + Shape.str(rowShape) + ": expected (B, ...row shape) with B >= 1");
        }
        BatchedForward forward = new BatchedForward(model, rowShape, options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        Originals background = Originals.evaluate(forward, options.background(), null);
        int d = x.rowSize(), columns = x.columns(), b = bs[0];
        double[] mean = new double[d];
        float[] bg = background.values();
        for (int r = 0; r < b; r++) for (int e = 0; e < d; e++) mean[e] += bg[r * d + e] / (double) b;
        double[] step = new double[d];
        for (int e = 0; e < d; e++) {
            step[e] = 1;
            for (int r = 0; r < b; r++) step[e] = Math.max(step[e], Math.abs(bg[r * d + e] - mean[e]));
        }

        // Probes: row 0 at the mean, row e + 1 moved by step[e] along e. W[c][e] = Δf_c / step[e].
        double[][] probe = new double[d + 1][];
        forward.run(d + 1, (p, dest, off) -> {
            for (int e = 0; e < d; e++) dest[off + e] = (float) mean[e];
            if (p > 0) dest[off + (int) p - 1] = (float) (mean[(int) p - 1] + step[(int) p - 1]);
        }, (first, count, outputs, cols) -> {
            for (int i = 0; i < count; i++) {
                probe[(int) first + i] = new double[cols];
                for (int c = 0; c < cols; c++) probe[(int) first + i][c] = outputs[i * cols + c];
            }
        });
        double[][] weights = new double[columns][d];
        for (int c = 0; c < columns; c++) {
            for (int e = 0; e < d; e++) {
                // the probe moved the float32 mean; divide by the step actually taken
                double moved = (float) (mean[e] + step[e]) - (double) (float) mean[e];
                weights[c][e] = (probe[e + 1][c] - probe[0][c]) / moved;
            }
        }
        float[] meanF = new float[d];
        for (int e = 0; e < d; e++) meanF[e] = (float) mean[e];
        checkLinear(x.values(), x.outputs(), x.rows(), "input", weights, probe[0], meanF);
        checkLinear(bg, background.outputs(), b, "background", weights, probe[0], meanF);

        float[] attr = new float[x.values().length];
        float[] v = x.values();
        for (int r = 0; r < x.rows(); r++) {
            double[] w = weights[x.targets()[r]];
            for (int e = 0; e < d; e++) attr[r * d + e] = (float) (w[e] * (v[r * d + e] - mean[e]));
        }
        return Tensor.of(attr, shape);
    }

    /** Refuses a model whose outputs on these rows differ from f(mean) + W (z − mean). */
    private static void checkLinear(float[] rows, float[] outputs, int n, String what, double[][] w, double[] atMean, float[] mean) {
        int d = mean.length, columns = w.length;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < columns; c++) {
                double predicted = atMean[c], size = Math.abs(atMean[c]);
                for (int e = 0; e < d; e++) {
                    double term = w[c][e] * (rows[r * d + e] - mean[e]);
                    predicted += term;
                    size += Math.abs(term);
                }
                double actual = outputs[r * columns + c];
                double misfit = Math.abs(actual - predicted);
                if (misfit > LINEARITY_TOLERANCE * (1 + size + Math.abs(actual))) {
                    throw new IllegalArgumentException("linear-shap needs a model that is linear in its input, but on " + what + " row " + r
                            + " output " + c + " is " + (float) actual + " where the linear fit gives " + (float) predicted
                            + ": use kernel-shap");
                }
            }
        }
    }
}
