package org.xai4j.explain.perturbation;

import java.util.function.LongToIntFunction;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;
import org.xai4j.explain.Batches;

/**
 * Evaluates a model on a long, lazily generated sequence of perturbed input rows, {@code batchSize}
 * rows per forward pass (the chunks of {@link Batches}), under {@link GradMode#noGrad()}. Only one block of rows exists at a
 * time (or, for small rows run side by side, one block of at most 32K values per thread), so memory is bounded
 * by {@code batchSize} whatever the number of perturbations (Captum's
 * {@code perturbations_per_eval}, but counted in rows and applied to every perturbation method).
 *
 * <p>Rows are produced and their outputs delivered in index order. Every model here treats rows
 * independently (inference mode), so results do not depend on the batch size.
 */
public final class BatchedForward {
    /** Default rows per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /** Writes the input row of perturbation {@code index}. */
    @FunctionalInterface
    public interface RowSource {
        /**
         * @param dest Modified: entries [offset, offset + rowSize) must all be written (the buffer is reused).
         */
        void fill(long index, float[] dest, int offset);
    }

    /** Receives the outputs of rows [first, first + count): row i's column c is {@code outputs[i * columns + c]}. */
    @FunctionalInterface
    public interface BlockSink {
        /** @param outputs Not modified by the caller afterwards; a fresh array per block. */
        void accept(long first, int count, float[] outputs, int columns);
    }

    /** Receives one row's target score. */
    @FunctionalInterface
    public interface ScoreSink {
        void accept(long index, double score);
    }

    private final Model model;
    private final int[] rowShape;
    private final int rowSize;
    private final int batchSize;
    private long forwardPasses;

    /**
     * @param rowShape  shape of one row (the input's shape without the batch axis)
     * @param batchSize rows per forward pass, at least 1
     */
    public BatchedForward(Model model, int[] rowShape, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        this.model = model;
        this.rowShape = rowShape.clone();
        this.rowSize = Shape.numel(rowShape);
        if ((long) rowSize * batchSize > Shape.MAX_ELEMENTS) {
            throw new IllegalArgumentException("batch size " + batchSize + " times a row of " + rowSize
                    + " values does not fit one tensor; use a smaller --batch-size");
        }
        this.batchSize = batchSize;
    }

    public int rowSize() {
        return rowSize;
    }

    public int[] rowShape() {
        return rowShape.clone();
    }

    public int batchSize() {
        return batchSize;
    }

    /** Number of forward passes run so far (for tests of the batching itself). */
    public long forwardPasses() {
        return forwardPasses;
    }

    /** Runs the model on rows 0..total-1 of source, block by block, handing every block's outputs to sink. */
    public void run(long total, RowSource source, BlockSink sink) {
        if (total < 0) throw new IllegalArgumentException("number of rows must be >= 0, got " + total);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            // The perturbations are Batches' rows with one sample each, in index order: a method's variants per
            // input row differ from row to row (feature groups, coalitions), so no fixed (row, sample) grid fits
            // them all; each method maps a perturbation's index to its (row, variant) in its RowSource.
            Batches.forEach(model, total, 1, batchSize, rowSize, c -> {
                float[] buffer = c.buffer(rowSize);
                for (int i = 0; i < c.size(); i++) source.fill(c.pair(i), buffer, i * rowSize);
            }, c -> {
                // the pass's activations are recycled by the next pass; the outputs are copied out
                try (GradMode.Scope noGrad = GradMode.noGrad(); TensorMemory.Scope memory = TensorMemory.recycling()) {
                    Tensor out = model.forward(Tensor.of(c.buffer(rowSize), withRows(c.size())));
                    return new Block(out.toArray(), columns(out, c.size()));
                }
            }, (c, block) -> {
                forwardPasses++;
                sink.accept(c.first(), c.size(), block.outputs, block.columns);
            });
        }
    }

    /** One pass's outputs, row-major. */
    private record Block(float[] outputs, int columns) {}

    /** The score of column {@code targetOf(index)} for every row, handed to sink in index order. */
    public void scores(long total, RowSource source, LongToIntFunction targetOf, ScoreSink sink) {
        run(total, source, (first, count, outputs, columns) -> {
            for (int i = 0; i < count; i++) {
                long index = first + i;
                int target = targetOf.applyAsInt(index);
                if (target < 0 || target >= columns) {
                    throw new IllegalArgumentException("target " + target + " is outside the model's " + columns + " output columns");
                }
                sink.accept(index, outputs[i * columns + target]);
            }
        });
    }

    /** The target scores of all rows as one array (total must fit an array). */
    public double[] scores(int total, RowSource source, LongToIntFunction targetOf) {
        double[] out = new double[total];
        scores(total, source, targetOf, (index, score) -> out[(int) index] = score);
        return out;
    }

    private int[] withRows(int rows) {
        int[] shape = new int[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return shape;
    }

    /** Output columns of a (rows) or (rows, C) output; anything else is an error. */
    private static int columns(Tensor out, int rows) {
        int[] s = out.shape();
        if ((s.length != 1 && s.length != 2) || s[0] != rows) {
            throw new IllegalArgumentException("expected a model output of shape (" + rows + ") or (" + rows
                    + ", classes) for " + rows + " input rows, got " + Shape.str(s));
        }
        return s.length == 1 ? 1 : s[1];
    }
}
