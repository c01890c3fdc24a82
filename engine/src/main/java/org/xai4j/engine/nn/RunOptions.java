package org.xai4j.engine.nn;

/**
 * How a {@link Model} runs: dropout off (inference), or on with Philox masks from (seed, stream) for
 * MC dropout (Gal and Ghahramani, ICML 2016). Two runs with the same options give the same masks, on
 * any thread count.
 *
 * <p>With {@code rowStreams} the batch is a stack of independent samples: row r (axis 0) draws its
 * masks from stream {@code rowStreams[r]} as if it had been run alone with {@code monteCarlo(seed,
 * rowStreams[r])}. Many MC passes (and many inputs) then go through one forward pass, and the numbers do
 * not depend on how rows are grouped into batches.
 *
 * @param dropoutActive whether dropout layers drop (and rescale by 1/(1-p)) instead of passing through
 * @param seed          Philox key of the masks
 * @param stream        Philox stream; successive MC samples use successive streams
 * @param rowStreams    null (one stream for the whole batch), or one stream per row of axis 0. Not copied:
 *                      the caller must not modify it while the options are in use
 */
public record RunOptions(boolean dropoutActive, long seed, long stream, long[] rowStreams) {
    /** Dropout off. */
    public static final RunOptions INFERENCE = new RunOptions(false, 0L, 0L);

    /** One stream for the whole batch. */
    public RunOptions(boolean dropoutActive, long seed, long stream) {
        this(dropoutActive, seed, stream, null);
    }

    /** Dropout on, masks from (seed, stream). */
    public static RunOptions monteCarlo(long seed, long stream) {
        return new RunOptions(true, seed, stream);
    }

    /** Dropout on, row r of every dropout input with masks from (seed, rowStreams[r]). */
    public static RunOptions monteCarloPerRow(long seed, long[] rowStreams) {
        if (rowStreams.length == 0) throw new IllegalArgumentException("rowStreams must not be empty");
        return new RunOptions(true, seed, 0L, rowStreams);
    }

    /**
     * The Philox streams of the dropout layer {@code layer} for this run: {@code stream * streamsPerRun +
     * layer}, or one such stream per row when {@link #rowStreams} is set.
     */
    public long[] layerStreams(long streamsPerRun, long layer) {
        if (rowStreams == null) return new long[] {stream * streamsPerRun + layer};
        long[] s = new long[rowStreams.length];
        for (int r = 0; r < s.length; r++) s[r] = rowStreams[r] * streamsPerRun + layer;
        return s;
    }
}
