package org.xai4j.engine.nn;

/**
 * How a {@link Model} runs: dropout off (inference), or on with Philox masks from (seed, stream) for
 * MC dropout (Gal and Ghahramani, ICML 2016). Two runs with the same options give the same masks, on
 * any thread count.
 *
 * @param dropoutActive whether dropout layers drop (and rescale by 1/(1-p)) instead of passing through
 * @param seed          Philox key of the masks
 * @param stream        Philox stream; successive MC samples use successive streams
 */
public record RunOptions(boolean dropoutActive, long seed, long stream) {
    /** Dropout off. */
    public static final RunOptions INFERENCE = new RunOptions(false, 0L, 0L);

    /** Dropout on, masks from (seed, stream). */
    public static RunOptions monteCarlo(long seed, long stream) {
        return new RunOptions(true, seed, stream);
    }
}
