package org.xai4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for long runs: count/total, rate and time left, redrawn in place at most
 * every {@value #REDRAW_MS} ms, when the JVM has a console (stderr is a terminal). Otherwise (a log, a
 * pipe, a batch job) it writes one plain line at most every {@value #LOG_PERIOD_S} s
 * ({@code xai: mc-dropout: 500/2000  25.0/s  ETA 60s}), so a long run is seen to be alive without
 * filling the log with redraws; a run shorter than that writes nothing.
 *
 * <pre>{@code
 * try (Progress p = Progress.start(err, "mc-dropout", passes)) {
 *     for (...) { ...; p.step(); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    static final long REDRAW_MS = 100;
    static final long LOG_PERIOD_S = 10;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long startNanos;
    private long count;
    private long lastDraw = Long.MIN_VALUE;
    private long lastLog;
    private int lastWidth;

    Progress(PrintWriter err, String label, long total, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled && total > 0;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastLog = startNanos;
    }

    /** A bar over {@code total} steps, drawn on {@code err} only when the JVM has a console. */
    public static Progress start(PrintWriter err, String label, long total) {
        return new Progress(err, label, total, System.console() != null, System::nanoTime);
    }

    /** One step done. */
    public void step() {
        step(1);
    }

    /** {@code n} steps done. */
    public void step(long n) {
        count = Math.min(total, count + n);
        if (!enabled) {
            if (total <= 0 || count == total) return;
            long now = clock.getAsLong();
            if (now - lastLog >= LOG_PERIOD_S * 1_000_000_000L) {
                lastLog = now;
                err.println("xai: " + line(now).replaceFirst(" \\[[#.]*\\]", ":"));
                err.flush();
            }
            return;
        }
        long now = clock.getAsLong();
        if (count == total || lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_MS * 1_000_000L) {
            lastDraw = now;
            draw(now);
        }
    }

    /** Steps done so far. */
    public long count() {
        return count;
    }

    /** The line as drawn at time {@code now} (package-private for tests). */
    String line(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = count / seconds;
        int filled = (int) (BAR_WIDTH * count / total);
        StringBuilder s = new StringBuilder(label).append(" [");
        for (int i = 0; i < BAR_WIDTH; i++) s.append(i < filled ? '#' : '.');
        s.append("] ").append(count).append('/').append(total);
        s.append(String.format(Locale.ROOT, "  %.1f/s", rate));
        if (count < total && count > 0) s.append("  ETA ").append(duration((total - count) / rate));
        else if (count == total) s.append("  in ").append(duration(seconds));
        return s.toString();
    }

    private void draw(long now) {
        String text = line(now);
        // pad with spaces over a longer previous line, then return to the line's start
        StringBuilder s = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < lastWidth; i++) s.append(' ');
        lastWidth = text.length();
        err.print(s);
        err.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }

    /** Ends the bar's line (if one was drawn), so what follows starts on a new line. */
    @Override
    public void close() {
        if (enabled && lastDraw != Long.MIN_VALUE) {
            err.println();
            err.flush();
        }
    }
}
