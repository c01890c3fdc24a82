package org.xai4j.api;

import java.time.Duration;

/**
 * Told before each model pass of a run (a forward pass over a batch of rows, followed by its backward
 * pass for the gradient methods), on the thread that runs the explanation. How many passes a run takes
 * depends on the method and its options (steps × rows / batch size for integrated gradients, the
 * coalitions for the Shapley methods), so no total is given; {@code xai explain} estimates one from the
 * same counts. A listener must be quick: it runs inside the run.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param passes  the passes started so far in this run, this one included
     * @param rows    the model rows evaluated so far (the sum of the passes' batch sizes)
     * @param elapsed the time since the run started
     */
    void onPass(long passes, long rows, Duration elapsed);
}
