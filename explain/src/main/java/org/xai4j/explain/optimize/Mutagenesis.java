package org.xai4j.explain.optimize;

/**
 * In-silico saturation mutagenesis (as genomics papers plot it, e.g. Alipanahi et al. 2015's mutation
 * maps): for every position i and letter b, score(sequence with b at i) − score(sequence); zero where b
 * is the letter already there. All (|A|−1)·L mutants are scored in forward passes of at most
 * {@code batchSize} rows.
 */
public final class Mutagenesis {
    private Mutagenesis() {}

    /**
     * @return the score changes laid out as the input row ((|A|, L) channels first, else (L, |A|)), and the
     *         sequence's own score as the last element of a second array: {@code [changes, {score}]}
     */
    public static double[][] compute(SequenceObjective objective, int[] sequence, int batchSize) {
        int l = objective.length(), a = objective.alphabet().size(), rowSize = a * l;
        if (sequence.length != l) throw new IllegalArgumentException("the sequence has length " + sequence.length + ", expected " + l);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        double reference = objective.score(sequence);
        float[] base = objective.alphabet().oneHot(sequence, objective.channelsFirst());
        double[] delta = new double[rowSize];
        // (position, substitute letter) pairs: position i's a − 1 other letters in turn
        org.xai4j.explain.Batches.forEach(l, a - 1, batchSize, c -> {
            int rows = c.size();
            float[] batch = new float[rows * rowSize];
            for (int r = 0; r < rows; r++) {
                int i = c.row(r), to = (sequence[i] + 1 + c.sample(r)) % a;
                System.arraycopy(base, 0, batch, r * rowSize, rowSize);
                batch[r * rowSize + objective.index(sequence[i], i)] = 0f;
                batch[r * rowSize + objective.index(to, i)] = 1f;
            }
            double[] s = objective.scores(batch, rows);
            for (int r = 0; r < rows; r++) {
                int i = c.row(r), to = (sequence[i] + 1 + c.sample(r)) % a;
                delta[objective.index(to, i)] = s[r] - reference;
            }
        });
        return new double[][] {delta, {reference}};
    }
}
