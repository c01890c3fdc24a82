package org.xai4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * For a long run whose steps the command cannot count (an explanation runs inside the method), a line
 * on stderr at most every {@value #PERIOD_S} s: the time so far and the estimate made before the run,
 * so that a log (stderr not a terminal) shows the run is alive. Closed when the run ends.
 */
final class Heartbeat implements AutoCloseable {
    static final long PERIOD_S = 10;

    private final ScheduledExecutorService timer;

    private Heartbeat(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts the lines "xai: LABEL: 10s so far (about 1m30s estimated)" every 10 s; a null estimate leaves it out. */
    static Heartbeat start(PrintWriter err, String label, Double estimateSeconds) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "xai-heartbeat");
            th.setDaemon(true);
            return th;
        });
        long start = System.nanoTime();
        t.scheduleAtFixedRate(() -> err.println(line(label, (System.nanoTime() - start) / 1e9, estimateSeconds)),
                PERIOD_S, PERIOD_S, TimeUnit.SECONDS);
        return new Heartbeat(t);
    }

    static String line(String label, double seconds, Double estimateSeconds) {
        return String.format(Locale.ROOT, "xai: %s: %s so far%s", label, Progress.duration(seconds),
                estimateSeconds == null ? "" : " (about " + Progress.duration(estimateSeconds) + " estimated)");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
