package org.xai4j.explain.gradient;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/**
 * The reference input of IG and DeepLIFT, as Captum accepts it: zeros (null), one row shaped like an
 * input row (with or without a leading 1) broadcast to every row, or one row per input row.
 */
final class Baselines {
    private final float[] values;
    private final boolean perRow;
    private final int rowSize;

    private Baselines(float[] values, boolean perRow, int rowSize) {
        this.values = values;
        this.perRow = perRow;
        this.rowSize = rowSize;
    }

    /** The baseline for inputs (N, ...); a clear error when its shape fits none of the accepted forms. */
    static Baselines of(Tensor baseline, Tensor inputs) {
        int rs = GradientSupport.rowSize(inputs);
        if (baseline == null) return new Baselines(new float[rs], false, rs);
        int[] in = inputs.shape(), b = baseline.shape();
        int[] row = java.util.Arrays.copyOfRange(in, 1, in.length);
        float[] v = baseline.contiguous().toArray();
        if (Shape.same(b, row)) return new Baselines(v, false, rs);
        if (b.length == in.length && Shape.same(java.util.Arrays.copyOfRange(b, 1, b.length), row)) {
            if (b[0] == 1) return new Baselines(v, false, rs);
            if (b[0] == in[0]) return new Baselines(v, true, rs);
        }
        throw new ShapeException("baseline of shape " + Shape.str(b) + " does not fit inputs of shape " + Shape.str(in)
                + "; give " + Shape.str(row) + ", (1, ...) or one row per input row");
    }

    /** Value j of the baseline row for input row r. */
    float get(int r, int j) {
        return values[(perRow ? r * rowSize : 0) + j];
    }

    /** The baseline's values: row r's value j at {@link #offset}(r) + j. Not to be modified. */
    float[] values() {
        return values;
    }

    /** Where the baseline row for input row r starts in {@link #values}. */
    int offset(int r) {
        return perRow ? r * rowSize : 0;
    }

    /** Rows [start, end) of the baseline, broadcast, as a tensor shaped like those input rows. */
    Tensor rows(Tensor inputs, int start, int end) {
        int[] shape = inputs.shape();
        shape[0] = end - start;
        float[] out = new float[(end - start) * rowSize];
        for (int r = start; r < end; r++) System.arraycopy(values, perRow ? r * rowSize : 0, out, (r - start) * rowSize, rowSize);
        return Tensor.of(out, shape);
    }
}
