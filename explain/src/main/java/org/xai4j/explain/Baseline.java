package org.xai4j.explain;

import java.util.Arrays;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/**
 * The reference an attribution compares the input with: Captum 0.7's {@code baselines} argument, the CLI's
 * {@code --baseline} and {@code --baselines}, for the gradient methods (integrated gradients, DeepLIFT, the
 * layer and neuron path methods, the Shap methods) and the perturbation ones (occlusion, ablation, Shapley
 * values, KernelSHAP, LIME) alike. Its rules:
 * <ul>
 *   <li><b>A number</b> ({@link #ZERO}, the default, or {@link #scalar}): that value for every element of
 *       every row (Captum's int or float baseline).</li>
 *   <li><b>A tensor</b> ({@link #of}) broadcast to the inputs' shape (N, ...) by NumPy's rules (trailing axes
 *       aligned, size-1 axes repeated): one row shaped like an input row, or (1, ...), serves every row;
 *       (N, ...) gives each row its own; (C, 1, 1) is one value per channel of (N, C, H, W) images. Captum's
 *       gradient methods ask for the input's shape or a leading 1, its perturbation methods for a
 *       broadcastable shape; every shape either accepts is accepted here, with the same values.</li>
 *   <li><b>A distribution</b> ({@link #distribution}): K reference rows (K, ...), or one row shaped like an
 *       input row, for the Shap methods: GradientShap draws one per sample, DeepLiftShap averages over all
 *       (Captum's {@code baselines} of {@code GradientShap}, {@code DeepLiftShap}). A number there is one row
 *       of that value. A method that compares each row with one reference refuses a distribution.</li>
 * </ul>
 * Immutable; a tensor is not copied and must not be modified.
 */
public final class Baseline {
    /** What the baseline holds, and so how it is resolved against inputs. */
    public enum Kind { SCALAR, BROADCAST, DISTRIBUTION }

    /** Every element compared with 0 (Captum's default). */
    public static final Baseline ZERO = scalar(0f);

    private final Kind kind;
    private final float value;
    private final Tensor tensor;

    private Baseline(Kind kind, float value, Tensor tensor) {
        this.kind = kind;
        this.value = value;
        this.tensor = tensor;
    }

    /** The same value for every element. */
    public static Baseline scalar(float value) {
        return new Baseline(Kind.SCALAR, value, null);
    }

    /** A tensor broadcast to the inputs' shape by NumPy's rules; not copied. */
    public static Baseline of(Tensor tensor) {
        if (tensor == null) throw new IllegalArgumentException("baseline tensor is null");
        return new Baseline(Kind.BROADCAST, 0f, tensor);
    }

    /** K reference rows (K, ...) for the Shap methods to draw from or average over; not copied. */
    public static Baseline distribution(Tensor rows) {
        if (rows == null) throw new IllegalArgumentException("baseline distribution is null");
        return new Baseline(Kind.DISTRIBUTION, 0f, rows);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    /** The tensor of a broadcast or distribution baseline; null for a number. */
    public Tensor tensor() {
        return tensor;
    }

    /** The value of every element of inputs shaped {@code inputShape} (N, ...), row-major. */
    public float[] resolve(int[] inputShape) {
        requireOneReference();
        int n = Shape.numel(inputShape);
        float[] out = new float[n];
        if (kind == Kind.SCALAR) {
            Arrays.fill(out, value);
            return out;
        }
        float[] src = tensor.contiguous().toArray();
        int[] map = Broadcast.indexMap("baseline", tensor.shape(), inputShape);
        for (int i = 0; i < n; i++) out[i] = src[map[i]];
        return out;
    }

    /**
     * Each row's reference for inputs shaped {@code inputShape} (N, ...), kept as one shared row unless the
     * baseline gives rows their own (an (N, ...) tensor with N > 1): what the gradient methods interpolate from.
     */
    public PerRow perRow(int[] inputShape) {
        requireOneReference();
        int rs = rowSize(inputShape);
        int[] row = Arrays.copyOfRange(inputShape, 1, inputShape.length);
        if (kind == Kind.SCALAR) {
            float[] v = new float[rs];
            Arrays.fill(v, value);
            return new PerRow(v, false, rs, row);
        }
        int[] b = tensor.shape();
        boolean ownRows = b.length == inputShape.length && inputShape[0] > 1 && b[0] == inputShape[0];
        if (ownRows) return new PerRow(resolve(inputShape), true, rs, row);
        int[] oneRow = inputShape.clone();
        oneRow[0] = 1;
        return new PerRow(resolve(oneRow), false, rs, row);
    }

    /**
     * The reference rows of a distribution, flattened (K × row size), for inputs shaped {@code inputShape}:
     * a number is one row of it; a tensor must be (K, ...) with K ≥ 1 rows shaped like an input row, or one such row.
     */
    public float[] distributionRows(int[] inputShape) {
        int rs = rowSize(inputShape);
        if (kind == Kind.SCALAR) {
            float[] v = new float[rs];
            Arrays.fill(v, value);
            return v;
        }
        int[] b = tensor.shape();
        int[] row = Arrays.copyOfRange(inputShape, 1, inputShape.length);
        boolean oneRow = Shape.same(b, row);
        boolean rows = b.length == inputShape.length && b[0] >= 1 && Shape.same(Arrays.copyOfRange(b, 1, b.length), row);
        if (!oneRow && !rows) {
            throw new ShapeException("baselines of shape " + Shape.str(b) + " do not fit inputs of shape " + Shape.str(inputShape)
                    + "; give K rows as (K, ...) with each row shaped " + Shape.str(row) + ", or one row " + Shape.str(row));
        }
        return tensor.contiguous().toArray();
    }

    private void requireOneReference() {
        if (kind == Kind.DISTRIBUTION) {
            throw new IllegalArgumentException("a baseline distribution (" + Shape.str(tensor.shape()) + ", rows to draw from) is for "
                    + "the Shap methods; this method compares each row with one baseline (a number, or a tensor broadcast to the input)");
        }
    }

    private static int rowSize(int[] inputShape) {
        if (inputShape.length < 1) throw new ShapeException("inputs need a batch axis, got shape " + Shape.str(inputShape));
        int rs = 1;
        for (int i = 1; i < inputShape.length; i++) rs *= inputShape[i];
        return rs;
    }

    /** As the help and the README show a default: "zeros", the number, or the tensor's shape. */
    @Override
    public String toString() {
        switch (kind) {
            case SCALAR:
                return value == 0f ? "zeros" : Float.toString(value);
            case BROADCAST:
                return "tensor" + Shape.str(tensor.shape());
            default:
                return "rows" + Shape.str(tensor.shape());
        }
    }

    /**
     * A baseline resolved against inputs of one shape: each row's reference as a span of {@link #values},
     * either one row shared by all rows or one row per input row.
     */
    public static final class PerRow {
        private final float[] values;
        private final boolean ownRows;
        private final int rowSize;
        private final int[] rowShape;

        private PerRow(float[] values, boolean ownRows, int rowSize, int[] rowShape) {
            this.values = values;
            this.ownRows = ownRows;
            this.rowSize = rowSize;
            this.rowShape = rowShape;
        }

        /** Value j of the reference of input row r. */
        public float get(int r, int j) {
            return values[(ownRows ? r * rowSize : 0) + j];
        }

        /** The references' values: row r's value j at {@link #offset}(r) + j. Not to be modified. */
        public float[] values() {
            return values;
        }

        /** Where the reference of input row r starts in {@link #values}. */
        public int offset(int r) {
            return ownRows ? r * rowSize : 0;
        }

        /** The references of input rows [start, end), as a tensor shaped like those input rows. */
        public Tensor rows(int start, int end) {
            int[] shape = new int[rowShape.length + 1];
            shape[0] = end - start;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            float[] out = new float[(end - start) * rowSize];
            for (int r = start; r < end; r++) System.arraycopy(values, offset(r), out, (r - start) * rowSize, rowSize);
            return Tensor.of(out, shape);
        }
    }
}
