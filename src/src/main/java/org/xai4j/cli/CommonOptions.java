package org.xai4j.cli;

import org.xai4j.engine.backend.Parallel;
import picocli.CommandLine.Option;

/** Options every command takes: worker threads and stack traces on error. */
public final class CommonOptions {
    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--allow-nonfinite", description = "accept NaN and infinities in the data files (refused by default, naming file, row and index)")
    boolean allowNonFinite;

    @Option(names = "--debug", description = "print stack traces on errors, and how the work was done "
            + "(e.g. which least-squares solver a fit took)")
    boolean debug;

    private static final java.util.concurrent.atomic.AtomicBoolean DEBUG_LOG = new java.util.concurrent.atomic.AtomicBoolean();
    /** Held so that the configured logger is not collected (java.util.logging keeps loggers weakly). */
    private static volatile java.util.logging.Logger debugLog;

    /** Applies the options that change the engine (the thread count) and, with --debug, shows the engine's DEBUG log lines. */
    public void apply() {
        if (debug && DEBUG_LOG.compareAndSet(false, true)) {
            // System.Logger's DEBUG is java.util.logging's FINE: lines from org.xai4j.* go to stderr as "xai: debug: ..."
            java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.xai4j");
            debugLog = log;
            log.setLevel(java.util.logging.Level.FINE);
            log.setUseParentHandlers(false);
            log.addHandler(new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord r) {
                    System.err.println("xai: debug: " + r.getMessage());
                }

                @Override
                public void flush() {
                    System.err.flush();
                }

                @Override
                public void close() {}
            });
        }
        if (threads != null) {
            OptionLimits.range("--threads", threads, 1, OptionLimits.MAX_THREADS);
            Parallel.setThreads(threads);
        }
    }
}
