package org.xai4j.explain;

import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * Which output column each row explains. As Captum: a model with one output column (or a 1-D output)
 * uses column 0; otherwise the default is each row's argmax.
 */
public final class Targets {
    private Targets() {}

    /** The given targets checked against the model's output, or the defaults when targets is null. */
    public static int[] resolve(Model model, Tensor inputs, int[] targets) {
        Tensor out;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            out = model.forward(inputs);
        }
        return resolve(out, inputs.shape()[0], targets);
    }

    /**
     * The model's first output for every row, {@code batchSize} rows per forward pass so that memory stays
     * bounded by --batch-size (the rows do not depend on one another), without recording.
     */
    public static Tensor outputs(Model model, Tensor inputs, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        int n = inputs.shape()[0];
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            if (n <= batchSize) return model.forward(inputs);
            java.util.List<Tensor> parts = new java.util.ArrayList<>();
            Batches.forEach(n, 1, batchSize, c -> parts.add(model.forward(
                    org.xai4j.engine.ops.Ops.slice(inputs, 0, c.firstRow(), c.endRow(), 1).contiguous()).contiguous()));
            return org.xai4j.engine.ops.Ops.concat(0, parts.toArray(Tensor[]::new));
        }
    }

    /** {@link #resolve(Model, Tensor, int[])} from the model's output for the inputs, already computed. */
    public static int[] resolve(Tensor out, int rows, int[] targets) {
        int cols = columns(out);
        if (targets == null) {
            return cols == 1 ? new int[rows] : argmax(out);
        }
        if (targets.length == 1 && rows != 1) {
            int[] all = new int[rows];
            java.util.Arrays.fill(all, targets[0]);
            targets = all;
        }
        if (targets.length != rows) {
            throw new IllegalArgumentException("got " + targets.length + " targets for " + rows + " input rows");
        }
        for (int r = 0; r < rows; r++) {
            if (targets[r] < 0 || targets[r] >= cols) {
                throw new IllegalArgumentException("target " + targets[r] + " of row " + r + " is outside the model's "
                        + cols + " output columns (output shape " + Shape.str(out.shape()) + ")");
            }
        }
        return targets;
    }

    /** Number of output columns: 1 for a 1-D output, else the size of axis 1 of a 2-D output. */
    public static int columns(Tensor out) {
        if (out.dim() == 1) return 1;
        if (out.dim() != 2) {
            throw new IllegalArgumentException("expected a model output of shape (N) or (N, classes), got "
                    + Shape.str(out.shape()));
        }
        return out.shape()[1];
    }

    /** Index of the largest value of each row of a (N, C) tensor (the first on ties). */
    public static int[] argmax(Tensor out) {
        float[] v = out.contiguous().toArray();
        int rows = out.shape()[0], cols = columns(out);
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 1; c < cols; c++) {
                if (v[r * cols + c] > v[r * cols + best[r]]) best[r] = c;
            }
        }
        return best;
    }
}
