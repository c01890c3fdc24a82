package org.xai4j.api;

import java.time.Duration;

/**
 * A run stopped between two model passes because the caller cancelled it or its deadline passed
 * ({@link RunControl}); no partial result is returned.
 */
public final class RunStoppedException extends XaiException {
    private static final long serialVersionUID = 1L;

    /** Why the run stopped. */
    public enum Reason {
        /** {@link RunControl#withCancellation}'s check said so. */
        CANCELLED,
        /** {@link RunControl#withDeadline}'s instant passed. */
        DEADLINE
    }

    /** Cancelled, or past the deadline. */
    private final Reason reason;
    /** The passes done before the stop. */
    private final long passes;
    private final transient Duration elapsed;

    /**
     * @param reason  cancelled or past the deadline
     * @param passes  the model passes completed before the stop
     * @param elapsed the time since the run started
     */
    public RunStoppedException(Reason reason, long passes, Duration elapsed) {
        super((reason == Reason.CANCELLED ? "cancelled" : "deadline passed") + " after " + passes + " model passes in "
                + elapsed.toMillis() + " ms", null);
        this.reason = reason;
        this.passes = passes;
        this.elapsed = elapsed;
    }

    /** {@return cancelled, or past the deadline} */
    public Reason reason() {
        return reason;
    }

    /** {@return the model passes done before the stop} */
    public long passes() {
        return passes;
    }

    /** {@return the time from the run's start to the stop} */
    public Duration elapsed() {
        return elapsed;
    }
}
