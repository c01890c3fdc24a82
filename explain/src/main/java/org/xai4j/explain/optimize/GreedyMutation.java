package org.xai4j.explain.optimize;

import java.util.function.LongConsumer;
import org.xai4j.engine.random.RandomStream;

/**
 * Greedy sequence design as in the DeepChem book (ch. 10, after Kelley et al.'s in-silico evolution):
 * from a start, propose a random single-letter substitution, keep it when the score rises, repeat. With
 * {@code candidates} K > 1 a step tries K proposals and keeps the best. The score never decreases.
 *
 * <p>Batched without changing the result: a chain's proposals for the next steps are all scored against
 * its current sequence in one forward pass (speculatively); the first step whose best candidate improves
 * is taken and the later ones are discarded and proposed again from the new sequence. Proposal s of chain
 * c is the s-th draw of its Philox stream (a position, and an offset 1..|A|−1 from the letter there at
 * the time), so a seed gives the same trajectory for any batch size, the one-row-per-forward loop's.
 *
 * <p>The gradient-guided variant ranks all (|A|−1)·L substitutions by their first-order gain
 * g[b, i] − g[current, i] and scores them in that order, K per forward pass, keeping the best of the first
 * group that improves (in the spirit of in-silico mutagenesis and gradient-guided design); a chain where
 * no substitution improves has reached a local optimum and stops.
 */
public final class GreedyMutation {
    private GreedyMutation() {}

    /**
     * @param start    the start sequence (letter indices) for every chain, or null for random starts
     * @param progress told the steps done (over all chains); may be null
     */
    public static OptimizationResult run(SequenceObjective objective, int[] start, GreedyOptions o, LongConsumer progress) {
        int chains = o.restarts(), l = objective.length(), a = objective.alphabet().size();
        if (start != null && start.length != l) throw new IllegalArgumentException("the start has length " + start.length + ", expected " + l);
        Chain[] cs = new Chain[chains];
        for (int c = 0; c < chains; c++) {
            int[] s = start != null ? start.clone() : randomSequence(new RandomStream(o.seed(), 2L * c + 1), l, a);
            cs[c] = new Chain(s, o.steps());
        }
        long passes0 = objective.forwardPasses(), rows0 = objective.rowsEvaluated();
        scoreStarts(objective, cs);
        double[] startScores = new double[chains];
        for (int c = 0; c < chains; c++) startScores[c] = cs[c].score;
        if (o.guided()) {
            for (Chain c : cs) guided(objective, c, o, progress);
        } else {
            random(objective, cs, o, progress);
        }
        int[][] seqs = new int[chains][];
        double[] scores = new double[chains];
        double[][] trace = new double[chains][];
        for (int c = 0; c < chains; c++) {
            seqs[c] = cs[c].sequence;
            scores[c] = cs[c].score;
            trace[c] = cs[c].trace;
        }
        return new OptimizationResult(seqs, scores, startScores, trace, objective.forwardPasses() - passes0,
                objective.rowsEvaluated() - rows0);
    }

    private static final class Chain {
        final int[] sequence;
        final double[] trace;
        double score;
        int next;
        /** Steps to score speculatively in the next forward pass: about twice the recent gap between improvements. */
        int lookahead = 4;

        Chain(int[] sequence, int steps) {
            this.sequence = sequence;
            this.trace = new double[steps];
        }
    }

    static int[] randomSequence(RandomStream r, int length, int letters) {
        int[] s = new int[length];
        for (int i = 0; i < length; i++) s[i] = r.nextInt(letters);
        return s;
    }

    private static void scoreStarts(SequenceObjective objective, Chain[] cs) {
        int rowSize = objective.alphabet().size() * objective.length();
        float[] batch = new float[cs.length * rowSize];
        for (int c = 0; c < cs.length; c++) objective.alphabet().encode(cs[c].sequence, objective.channelsFirst(), batch, c * rowSize);
        double[] s = objective.scores(batch, cs.length);
        for (int c = 0; c < cs.length; c++) cs[c].score = s[c];
    }

    private static void random(SequenceObjective objective, Chain[] cs, GreedyOptions o, LongConsumer progress) {
        int l = objective.length(), a = objective.alphabet().size(), k = o.candidates(), steps = o.steps();
        int rowSize = a * l;
        // every proposal drawn up front, in order: position and offset of proposal (step s, candidate j)
        int[][] position = new int[cs.length][steps * k], offset = new int[cs.length][steps * k];
        for (int c = 0; c < cs.length; c++) {
            RandomStream r = new RandomStream(o.seed(), 2L * c);
            for (int p = 0; p < steps * k; p++) {
                position[c][p] = r.nextInt(l);
                offset[c][p] = 1 + r.nextInt(a - 1);
            }
        }
        float[] base = new float[rowSize];
        while (true) {
            int active = 0;
            for (Chain c : cs) if (c.next < steps) active++;
            if (active == 0) return;
            // each active chain looks ahead its lookahead (at most its share of the batch, at least one step)
            int share = Math.max(1, o.batchSize() / (active * k));
            int[] ahead = new int[cs.length];
            int rows = 0;
            for (int c = 0; c < cs.length; c++) {
                ahead[c] = cs[c].next < steps ? Math.min(Math.min(share, cs[c].lookahead), steps - cs[c].next) : 0;
                rows += ahead[c] * k;
            }
            float[] batch = new float[rows * rowSize];
            int row = 0;
            for (int c = 0; c < cs.length; c++) {
                if (ahead[c] == 0) continue;
                objective.alphabet().encode(cs[c].sequence, objective.channelsFirst(), base, 0);
                for (int s = cs[c].next; s < cs[c].next + ahead[c]; s++) {
                    for (int j = 0; j < k; j++, row++) {
                        int p = s * k + j, i = position[c][p], from = cs[c].sequence[i], to = (from + offset[c][p]) % a;
                        System.arraycopy(base, 0, batch, row * rowSize, rowSize);
                        batch[row * rowSize + objective.index(from, i)] = 0f;
                        batch[row * rowSize + objective.index(to, i)] = 1f;
                    }
                }
            }
            double[] scores = scoreInChunks(objective, batch, rows, o.batchSize(), rowSize);
            row = 0;
            long done = 0;
            for (int c = 0; c < cs.length; c++) {
                Chain ch = cs[c];
                int first = ch.next, last = ch.next + ahead[c];
                boolean improved = false;
                for (int s = first; s < last; s++) {
                    int best = -1;
                    for (int j = 0; j < k; j++) {
                        double v = scores[row + (s - first) * k + j];
                        if (v > ch.score && (best < 0 || v > scores[row + (s - first) * k + best])) best = j;
                    }
                    if (best >= 0) {
                        int p = s * k + best, i = position[c][p];
                        ch.sequence[i] = (ch.sequence[i] + offset[c][p]) % a;
                        ch.score = scores[row + (s - first) * k + best];
                        improved = true;
                    }
                    ch.trace[s] = ch.score;
                    ch.next = s + 1;
                    done++;
                    if (best >= 0) break; // later speculative steps were scored against the old sequence
                }
                // look ahead about twice the steps an improvement took; double it while none comes
                ch.lookahead = improved ? Math.max(2, 2 * (ch.next - first)) : Math.min(1 << 20, 2 * ahead[c]);
                row += ahead[c] * k;
            }
            if (progress != null) progress.accept(done);
        }
    }

    private static double[] scoreInChunks(SequenceObjective objective, float[] batch, int rows, int batchSize, int rowSize) {
        if (rows <= batchSize) return objective.scores(batch, rows);
        double[] out = new double[rows];
        org.xai4j.explain.Batches.forEach(rows, 1, batchSize, c -> {
            int s = c.firstRow(), e = c.endRow();
            double[] part = objective.scores(java.util.Arrays.copyOfRange(batch, s * rowSize, e * rowSize), e - s);
            System.arraycopy(part, 0, out, s, e - s);
        });
        return out;
    }

    private static void guided(SequenceObjective objective, Chain ch, GreedyOptions o, LongConsumer progress) {
        int l = objective.length(), a = objective.alphabet().size(), k = o.candidates(), rowSize = a * l;
        int total = (a - 1) * l;
        float[] base = new float[rowSize];
        for (int s = 0; s < o.steps(); s++) {
            float[] g = objective.gradient(ch.sequence);
            // every substitution (position i, letter b) with its first-order gain, best first (index order on ties)
            Integer[] order = new Integer[total];
            double[] gain = new double[total];
            for (int i = 0, m = 0; i < l; i++) {
                int from = ch.sequence[i];
                for (int d = 1; d < a; d++, m++) {
                    int to = (from + d) % a;
                    gain[m] = g[objective.index(to, i)] - g[objective.index(from, i)];
                    order[m] = m;
                }
            }
            java.util.Arrays.sort(order, (x, y) -> gain[y] != gain[x] ? Double.compare(gain[y], gain[x]) : Integer.compare(x, y));
            objective.alphabet().encode(ch.sequence, objective.channelsFirst(), base, 0);
            boolean improved = false;
            for (int from = 0; from < total && !improved; from += k) {
                int rows = Math.min(k, total - from);
                float[] batch = new float[rows * rowSize];
                for (int r = 0; r < rows; r++) {
                    int m = order[from + r], i = m / (a - 1), to = (ch.sequence[i] + 1 + m % (a - 1)) % a;
                    System.arraycopy(base, 0, batch, r * rowSize, rowSize);
                    batch[r * rowSize + objective.index(ch.sequence[i], i)] = 0f;
                    batch[r * rowSize + objective.index(to, i)] = 1f;
                }
                double[] scores = scoreInChunks(objective, batch, rows, o.batchSize(), rowSize);
                int best = -1;
                for (int r = 0; r < rows; r++) if (scores[r] > ch.score && (best < 0 || scores[r] > scores[best])) best = r;
                if (best >= 0) {
                    int m = order[from + best], i = m / (a - 1);
                    ch.sequence[i] = (ch.sequence[i] + 1 + m % (a - 1)) % a;
                    ch.score = scores[best];
                    improved = true;
                }
            }
            if (!improved) { // a local optimum: no single substitution raises the score
                java.util.Arrays.fill(ch.trace, s, o.steps(), ch.score);
                if (progress != null) progress.accept(o.steps() - s);
                return;
            }
            ch.trace[s] = ch.score;
            if (progress != null) progress.accept(1);
        }
    }
}
