package org.xai4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Shape;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command takes: worker threads, the device, stack traces on error, and --quiet. */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = {"-q", "--quiet"}, description = "leave out the \"xai: wrote ...\" lines, the layer --layer auto chose, run estimates and the lines of long runs (default: print them)")
    boolean quiet;

    /** When the command started (apply), for the time on the "wrote" line. */
    private long startNanos = System.nanoTime();

    @Option(names = "--device", paramLabel = "cpu|cuda[:N]", defaultValue = "cpu",
            description = "where to compute (default: cpu); predict and the gradient methods of explain run on cuda[:N]; "
                    + "with no usable GPU, cuda is a usage error saying why")
    String device;

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

    /**
     * Applies the options that change the engine (the thread count) and, with --debug, shows the engine's
     * DEBUG log lines; for a command that runs on the host only: --device cuda is a usage error.
     */
    public void apply() {
        startNanos = System.nanoTime();
        applyEngineOptions();
        Device d = checkedDevice();
        if (!d.isHost()) {
            throw new Main.UsageError("--device " + d + ": this command does not run on the GPU yet (xai predict and xai explain do)");
        }
    }

    /** {@link #apply()} for a command that runs on the device: the device --device names, checked usable. */
    public Device applyOnDevice() {
        startNanos = System.nanoTime();
        applyEngineOptions();
        return checkedDevice();
    }

    private void applyEngineOptions() {
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

    /**
     * Tells the user what a command wrote, one stderr line, unless --quiet:
     * {@code xai: wrote /tmp/pred.npy: (8, 3) float32 in 0.12 s} (the time since the command started).
     */
    void wrote(Path file, int[] shape) {
        if (quiet || command == null) return;
        String kind = file.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "float32 as CSV" : "float32";
        command.commandLine().getErr().println(String.format(Locale.ROOT, "xai: wrote %s: %s %s in %.2f s", file,
                shapeText(shape), kind, (System.nanoTime() - startNanos) / 1e9));
    }

    /** A shape as Python prints it: (8, 3), (8,), (). */
    static String shapeText(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** A note for the user on stderr (e.g. the layer --layer auto chose), unless --quiet. */
    void note(String message) {
        if (quiet || command == null) return;
        command.commandLine().getErr().println("xai: " + message);
    }

    /**
     * Checks --device before anything is read or written: cpu runs; a GPU that is not usable is a usage error
     * with the probe's reason (no libcuda.so.1, no PTX in this build, the kernels jar absent).
     */
    private Device checkedDevice() {
        Device d;
        try {
            d = Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--device: expected cpu, cuda or cuda:N, got '" + device + "'");
        }
        if (d.isHost()) return d;
        if (!d.kind().equals("cuda")) throw new Main.UsageError("--device: expected cpu, cuda or cuda:N, got '" + device + "'");
        try {
            Backends.forDevice(d);
        } catch (IllegalStateException e) {
            throw new Main.UsageError("--device " + d + ": " + e.getMessage().replaceFirst("^device " + d + ": ", ""));
        }
        return d;
    }
}
