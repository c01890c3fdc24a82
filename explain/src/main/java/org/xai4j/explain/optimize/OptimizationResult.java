package org.xai4j.explain.optimize;

/**
 * The chains' outcomes.
 *
 * @param sequences     per chain its best (= final: scores never decrease) sequence as letter indices
 * @param scores        per chain its best score
 * @param startScores   per chain the score of its start
 * @param trace         trace[c][s]: chain c's score after step s
 * @param forwardPasses forward (and, guided, backward) passes run
 * @param rows          rows scored, speculative ones included
 */
public record OptimizationResult(int[][] sequences, double[] scores, double[] startScores, double[][] trace,
                                 long forwardPasses, long rows) {
    /** The chain with the highest score (the first on ties). */
    public int bestChain() {
        int b = 0;
        for (int c = 1; c < scores.length; c++) if (scores[c] > scores[b]) b = c;
        return b;
    }
}
