package org.xai4j.explain.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.FunctionModel;

/**
 * Greedy mutation on closed-form objectives. A position-weight model, score = Σ_i W[s_i, i] (a linear
 * function of the one-hot input), has its optimum at each column's argmax, score Σ_i max_b W[b, i]; an
 * interaction model (a product of two sigmoids) checks the speculative batching against the plain loop.
 */
class GreedyMutationTest {
    static final Alphabet DNA = new Alphabet("ACGT");
    static final int L = 12;

    static float[] weights(long seed) {
        float[] w = new float[4 * L];
        new RandomStream(seed, 0).fillNormal(w, 0, w.length);
        return w;
    }

    /** score = Σ W[b, i] x[b, i] over a (N, 4, L) one-hot input. */
    static FunctionModel positionWeights(float[] w) {
        Tensor wt = Tensor.of(w.clone(), 1, w.length);
        return new FunctionModel(x -> Ops.linear(Ops.flatten(x, 1), wt, null));
    }

    /** A non-additive score: sigmoid(u·x) · sigmoid(v·x), so that which mutation helps depends on the others. */
    static FunctionModel interaction() {
        Tensor u = Tensor.of(weights(1), 1, 4 * L), v = Tensor.of(weights(2), 1, 4 * L);
        return new FunctionModel(x -> {
            Tensor f = Ops.flatten(x, 1);
            return Ops.mul(Ops.sigmoid(Ops.linear(f, u, null)), Ops.sigmoid(Ops.linear(f, v, null)));
        });
    }

    static SequenceObjective objective(FunctionModel m) {
        return new SequenceObjective(m, DNA, L, true, 0, ScoreTransform.RAW);
    }

    static double optimum(float[] w) {
        double s = 0;
        for (int i = 0; i < L; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < 4; b++) best = Math.max(best, w[b * L + i]);
            s += best;
        }
        return s;
    }

    @Test
    void scoreNeverDecreasesAndASeedReproducesTheRun() {
        GreedyOptions o = GreedyOptions.book(300, 11).withRestarts(3);
        OptimizationResult a = GreedyMutation.run(objective(interaction()), null, o, null);
        OptimizationResult b = GreedyMutation.run(objective(interaction()), null, o, null);
        for (int c = 0; c < 3; c++) {
            double previous = a.startScores()[c];
            for (double s : a.trace()[c]) {
                assertTrue(s >= previous, "chain " + c + ": " + s + " after " + previous);
                previous = s;
            }
            assertEquals(a.scores()[c], a.trace()[c][299], 0);
            assertArrayEquals(a.trace()[c], b.trace()[c], 0);
            assertArrayEquals(a.sequences()[c], b.sequences()[c]);
            assertTrue(a.scores()[c] > a.startScores()[c]);
        }
        OptimizationResult other = GreedyMutation.run(objective(interaction()), null, o.withRestarts(1).withBatchSize(7), null);
        assertFalse(java.util.Arrays.equals(a.trace()[1], other.trace()[0]));
    }

    /**
     * The plain loop of the book: one proposal per forward pass, kept when it raises the score, with the
     * same draws. The batched (speculative) search must follow it exactly, for any batch size.
     */
    @Test
    void batchedSearchFollowsTheOneRowPerForwardLoop() {
        SequenceObjective f = objective(interaction());
        int steps = 200;
        long seed = 5;
        int[] s = GreedyMutation.randomSequence(new RandomStream(seed, 1), L, 4);
        RandomStream r = new RandomStream(seed, 0);
        double score = f.score(s);
        double[] trace = new double[steps];
        for (int t = 0; t < steps; t++) {
            int i = r.nextInt(L), to = (s[i] + 1 + r.nextInt(3)) % 4;
            int from = s[i];
            s[i] = to;
            double v = f.score(s);
            if (v > score) score = v;
            else s[i] = from;
            trace[t] = score;
        }
        for (int batch : new int[] {1, 3, 64, 1000}) {
            OptimizationResult got = GreedyMutation.run(f, null, GreedyOptions.book(steps, seed).withBatchSize(batch), null);
            assertArrayEquals(trace, got.trace()[0], 0, "batch " + batch);
            assertArrayEquals(s, got.sequences()[0]);
        }
        // candidates per step: the same for any batch size too
        OptimizationResult k1 = GreedyMutation.run(f, null, GreedyOptions.book(50, 3).withCandidates(4).withRestarts(2).withBatchSize(1), null);
        OptimizationResult k2 = GreedyMutation.run(f, null, GreedyOptions.book(50, 3).withCandidates(4).withRestarts(2).withBatchSize(500), null);
        assertArrayEquals(k1.trace()[1], k2.trace()[1], 0);
        assertTrue(k2.forwardPasses() < k1.forwardPasses());
    }

    @Test
    void positionWeightModelReachesItsClosedFormOptimum() {
        float[] w = weights(9);
        SequenceObjective f = objective(positionWeights(w));
        OptimizationResult random = GreedyMutation.run(f, null, GreedyOptions.book(2000, 4), null);
        assertEquals(optimum(w), random.scores()[0], 1e-5);
        // guided: on a linear score the first-order gain is exact, so each step fixes one position and
        // the run ends at the optimum after as many steps as the start has non-optimal positions
        int[] start = new int[L];
        int wrong = 0;
        for (int i = 0; i < L; i++) {
            int best = 0;
            for (int b = 1; b < 4; b++) if (w[b * L + i] > w[best * L + i]) best = b;
            if (best != 0) wrong++;
        }
        OptimizationResult guided = GreedyMutation.run(f, start, GreedyOptions.book(50, 0).withGuided(true).withCandidates(1), null);
        assertEquals(optimum(w), guided.scores()[0], 1e-5);
        assertEquals(optimum(w), guided.trace()[0][wrong - 1], 1e-5);
        assertTrue(guided.trace()[0][wrong - 2] < guided.trace()[0][wrong - 1]);
    }

    @Test
    void mutagenesisOfAPositionWeightModelIsTheWeightDifference() {
        float[] w = weights(3);
        SequenceObjective f = objective(positionWeights(w));
        int[] s = DNA.parse("ACGTTGCAACGT");
        for (int batch : new int[] {1, 5, 100}) {
            double[][] m = Mutagenesis.compute(f, s, batch);
            for (int i = 0; i < L; i++) {
                for (int b = 0; b < 4; b++) {
                    assertEquals(w[b * L + i] - w[s[i] * L + i], m[0][b * L + i], 1e-5, "position " + i + ", letter " + b);
                }
            }
        }
    }

    @Test
    void alphabetEncodesAndDecodes() {
        int[] s = DNA.parse("acgtT");
        assertArrayEquals(new int[] {0, 1, 2, 3, 3}, s);
        float[] first = DNA.oneHot(s, true), last = DNA.oneHot(s, false);
        assertEquals(1f, first[1 * 5 + 1], 0);
        assertEquals(1f, last[1 * 4 + 1], 0);
        assertArrayEquals(s, DNA.decode(first, 5, true));
        assertArrayEquals(s, DNA.decode(last, 5, false));
        assertEquals("ACGTT", DNA.text(s));
    }
}
