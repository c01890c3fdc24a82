package org.xai4j.explain.optimize;

import java.util.List;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;

/**
 * A model's score of one-hot sequences: the {@code target} column of its first output (after
 * {@link ScoreTransform}), for many sequences per forward pass (inference mode, rows independent).
 */
public final class SequenceObjective {
    private final Model model;
    private final Alphabet alphabet;
    private final int length;
    private final boolean channelsFirst;
    private final int target;
    private final ScoreTransform transform;
    private long rowsEvaluated, forwardPasses;

    /**
     * @param channelsFirst whether a row is (|alphabet|, L) (true) or (L, |alphabet|)
     */
    public SequenceObjective(Model model, Alphabet alphabet, int length, boolean channelsFirst, int target, ScoreTransform transform) {
        if (length < 1) throw new IllegalArgumentException("the sequence length must be at least 1, got " + length);
        if (target < 0) throw new IllegalArgumentException("the target must be >= 0, got " + target);
        this.model = model;
        this.alphabet = alphabet;
        this.length = length;
        this.channelsFirst = channelsFirst;
        this.target = target;
        this.transform = transform;
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    public int length() {
        return length;
    }

    public boolean channelsFirst() {
        return channelsFirst;
    }

    /** Rows scored so far (every candidate counts). */
    public long rowsEvaluated() {
        return rowsEvaluated;
    }

    /** Forward passes run so far. */
    public long forwardPasses() {
        return forwardPasses;
    }

    /** The shape of a batch of {@code rows} one-hot sequences. */
    public int[] batchShape(int rows) {
        int a = alphabet.size();
        return channelsFirst ? new int[] {rows, a, length} : new int[] {rows, length, a};
    }

    /**
     * Scores of the one-hot rows in {@code batch} (rows · |alphabet| · L values, not modified), one forward pass.
     */
    public double[] scores(float[] batch, int rows) {
        Tensor out;
        try (GradMode.Scope ignored = GradMode.noGrad(); TensorMemory.Scope memory = TensorMemory.recycling()) {
            Tensor o = model.forward(Tensor.of(batch, batchShape(rows)));
            out = Tensor.of(o.contiguous().toArray(), o.shape());
        }
        forwardPasses++;
        rowsEvaluated += rows;
        if (out.dim() == 0 || out.size(0) != rows) {
            throw new IllegalArgumentException("the model's output has shape " + Shape.str(out.shape()) + " for " + rows
                    + " rows; its axis 0 must be the rows");
        }
        int columns = out.numel() / rows;
        if (target >= columns) {
            throw new IllegalArgumentException("target " + target + " is outside the model's " + columns + " output column(s)");
        }
        float[] v = out.toArray();
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) s[r] = transform.score(v, r * columns, columns, target);
        return s;
    }

    /** The score of one sequence. */
    public double score(int[] sequence) {
        return scores(alphabet.oneHot(sequence, channelsFirst), 1)[0];
    }

    /**
     * d(raw target output)/d(one-hot input) at {@code sequence}, laid out as the input row. The raw output,
     * not the transformed score: a sigmoid's positive factor does not change which mutation gains most.
     */
    public float[] gradient(int[] sequence) {
        try (TensorMemory.Scope memory = TensorMemory.recycling(); GradMode.Scope ignored = GradMode.enableGrad()) {
            Tensor leaf = Tensor.of(alphabet.oneHot(sequence, channelsFirst), batchShape(1)).requiresGrad(true);
            Tensor out = model.run(List.of(leaf), RunOptions.INFERENCE).output(0);
            int columns = out.numel();
            if (target >= columns) {
                throw new IllegalArgumentException("target " + target + " is outside the model's " + columns + " output column(s)");
            }
            Tensor seed = Tensor.zeros(out.shape());
            seed.data()[target] = 1f;
            Tensor g = Gradients.grad(out, seed, leaf)[0];
            forwardPasses++;
            return g.contiguous().toArray().clone();
        }
    }

    /** The input-layout index of letter c at position i. */
    int index(int c, int i) {
        return channelsFirst ? c * length + i : i * alphabet.size() + c;
    }
}
