package org.xai4j.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.xai4j.engine.nn.PassHook;

/**
 * How a caller follows and stops one run: a progress listener, a cancellation check and a deadline, all
 * looked at before every model pass (between the forward/backward batches of a method), on the thread
 * that runs it. A stopped run throws {@link RunStoppedException} at its next pass: a pass already
 * started finishes first, and so does work between passes (a Shapley method's final least-squares
 * solve). Immutable; {@link #NONE} does nothing.
 *
 * <pre>{@code
 * AtomicBoolean stop = new AtomicBoolean();
 * RunControl control = RunControl.NONE.withCancellation(stop::get).withDeadline(Duration.ofSeconds(30))
 *         .withProgress((passes, rows, elapsed) -> log.info("{} passes", passes));
 * }</pre>
 *
 * @param progress  told before each pass; null for none
 * @param cancelled asked before each pass, true stops the run; null for never
 * @param deadline  the run stops at the first pass after this instant; null for none
 * @param clock     the clock the deadline and the elapsed times are read from
 */
public record RunControl(ProgressListener progress, BooleanSupplier cancelled, Instant deadline, Clock clock) {
    /** No listener, no cancellation, no deadline. */
    public static final RunControl NONE = new RunControl(null, null, null, Clock.systemUTC());

    /**
     * A control; start from {@link #NONE} and its {@code with} methods.
     *
     * @param progress  told before each pass; null for none
     * @param cancelled asked before each pass, true stops the run; null for never
     * @param deadline  the run stops at the first pass after this instant; null for none
     * @param clock     the clock the deadline and the elapsed times are read from
     * @throws NullPointerException when clock is null
     */
    public RunControl {
        java.util.Objects.requireNonNull(clock, "clock");
    }

    /**
     * The same, telling {@code listener} before each pass.
     *
     * @param listener told before each pass; null for none
     * @return the new control
     */
    public RunControl withProgress(ProgressListener listener) {
        return new RunControl(listener, cancelled, deadline, clock);
    }

    /**
     * The same, stopping the run when {@code check} returns true.
     *
     * @param check asked before each pass, e.g. {@code future::isCancelled}, {@code flag::get}; null for never
     * @return the new control
     */
    public RunControl withCancellation(BooleanSupplier check) {
        return new RunControl(progress, check, deadline, clock);
    }

    /**
     * The same, stopping the run at the first pass after {@code instant}.
     *
     * @param instant the deadline; null for none
     * @return the new control
     */
    public RunControl withDeadline(Instant instant) {
        return new RunControl(progress, cancelled, instant, clock);
    }

    /**
     * The same, stopping the run at the first pass after {@code timeout} from now.
     *
     * @param timeout from now, on this control's clock
     * @return the new control
     */
    public RunControl withDeadline(Duration timeout) {
        return withDeadline(clock.instant().plus(timeout));
    }

    /**
     * The same, with times read from {@code c} (tests).
     *
     * @param c the clock
     * @return the new control
     */
    public RunControl withClock(Clock c) {
        return new RunControl(progress, cancelled, deadline, c);
    }

    /** Installs the checks on this thread until the returned scope is closed. */
    PassHook install() {
        Instant start = clock.instant();
        long[] counts = new long[2]; // passes, rows
        return PassHook.install(rows -> {
            Instant now = clock.instant();
            Duration elapsed = Duration.between(start, now);
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new RunStoppedException(RunStoppedException.Reason.CANCELLED, counts[0], elapsed);
            }
            if (deadline != null && now.isAfter(deadline)) {
                throw new RunStoppedException(RunStoppedException.Reason.DEADLINE, counts[0], elapsed);
            }
            counts[0]++;
            counts[1] += rows;
            if (progress != null) progress.onPass(counts[0], counts[1], elapsed);
        });
    }
}
