package org.xai4j.explain.optimize;

/**
 * How {@link GreedyMutation} searches.
 *
 * @param steps      steps per chain
 * @param seed       Philox key: chain c draws its start from stream 2c + 1 and its proposals from stream 2c
 * @param restarts   independent chains R, run side by side (their candidates share forward passes)
 * @param candidates mutations tried per step (1: the DeepChem book's loop); the best is kept if it raises the score
 * @param batchSize  most rows per forward pass; the result does not depend on it
 * @param guided     propose mutations in order of their first-order gain g[b, i] − g[current, i] (the
 *                   gradient of the target output w.r.t. the one-hot input) instead of at random
 */
public record GreedyOptions(int steps, long seed, int restarts, int candidates, int batchSize, boolean guided) {
    public GreedyOptions {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        if (restarts < 1) throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }

    /** The book's loop: one random single-base mutation per step, up to 32 speculative rows per forward pass. */
    public static GreedyOptions book(int steps, long seed) {
        return new GreedyOptions(steps, seed, 1, 1, 32, false);
    }

    public GreedyOptions withRestarts(int r) {
        return new GreedyOptions(steps, seed, r, candidates, batchSize, guided);
    }

    public GreedyOptions withBatchSize(int b) {
        return new GreedyOptions(steps, seed, restarts, candidates, b, guided);
    }

    public GreedyOptions withCandidates(int k) {
        return new GreedyOptions(steps, seed, restarts, k, batchSize, guided);
    }

    public GreedyOptions withGuided(boolean g) {
        return new GreedyOptions(steps, seed, restarts, candidates, batchSize, g);
    }
}
