package org.xai4j.cli;

import org.xai4j.engine.backend.Parallel;
import picocli.CommandLine.Option;

/** Options every command takes: worker threads and stack traces on error. */
public final class CommonOptions {
    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    /** Applies the options that change the engine (the thread count). */
    public void apply() {
        if (threads != null) {
            if (threads < 1) throw new Main.UsageError("--threads must be at least 1, got " + threads);
            Parallel.setThreads(threads);
        }
    }
}
