package org.xai4j.explain.perturbation;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * The unperturbed inputs of an attribution call, flattened, with the model's outputs on them and the
 * resolved target column of each row. Target defaults as {@link org.xai4j.explain.Targets}: column 0
 * for a one-column output, else each row's argmax; computed here from a batched forward pass so the
 * inputs are evaluated once, {@code batchSize} rows at a time.
 *
 * @param shape   the input shape (N, ...)
 * @param values  the inputs in row-major order, N * rowSize values
 * @param outputs the model's outputs, N * columns values
 * @param targets one output column per row
 */
public record Originals(int[] shape, float[] values, float[] outputs, int columns, int[] targets) {

    /** Evaluates the model on the inputs (not modified) and resolves the targets (null for the defaults). */
    public static Originals evaluate(BatchedForward forward, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("expected inputs with a batch axis, (N, features...), got " + Shape.str(shape));
        }
        int rows = shape[0];
        if (rows == 0) throw new IllegalArgumentException("no input rows to explain: input shape " + Shape.str(shape));
        float[] values = inputs.toArray();
        int rowSize = forward.rowSize();
        float[][] outs = new float[1][];
        int[] cols = new int[1];
        // One output array for all rows, filled block by block.
        forward.run(rows, (i, dest, off) -> System.arraycopy(values, (int) i * rowSize, dest, off, rowSize),
                (first, count, outputs, columns) -> {
                    if (outs[0] == null) {
                        outs[0] = new float[rows * columns];
                        cols[0] = columns;
                    }
                    System.arraycopy(outputs, 0, outs[0], (int) first * columns, count * columns);
                });
        return new Originals(shape, values, outs[0], cols[0], resolve(targets, outs[0], rows, cols[0]));
    }

    public int rows() {
        return shape[0];
    }

    public int rowSize() {
        return values.length / shape[0];
    }

    /** The row shape (the input shape without its batch axis). */
    public int[] rowShape() {
        return java.util.Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** The model's score for row r's target on the unperturbed input. */
    public double score(int row) {
        return outputs[row * columns + targets[row]];
    }

    /** Copies row r of the inputs into dest[offset, offset + rowSize). */
    public void copyRow(int row, float[] dest, int offset) {
        int d = rowSize();
        System.arraycopy(values, row * d, dest, offset, d);
    }

    private static int[] resolve(int[] targets, float[] outputs, int rows, int columns) {
        if (targets == null) {
            int[] best = new int[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 1; c < columns; c++) {
                    if (outputs[r * columns + c] > outputs[r * columns + best[r]]) best[r] = c;
                }
            }
            return best;
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
            if (targets[r] < 0 || targets[r] >= columns) {
                throw new IllegalArgumentException("target " + targets[r] + " of row " + r + " is outside the model's "
                        + columns + " output columns");
            }
        }
        return targets.clone();
    }
}
