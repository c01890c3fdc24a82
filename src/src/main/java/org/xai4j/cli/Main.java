package org.xai4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xai} command line. Exit codes: 0 success, 2 usage error (bad option, missing or
 * unreadable input file), 1 failure (bad file contents, a model that cannot run). Errors are one line,
 * "xai: ...", with the stack trace only under {@code --debug}.
 */
@Command(name = "xai", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Explain models: ONNX in, .npy out.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0, FAILURE = 1, USAGE = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command; see xai --help");
    }

    public static void main(String[] args) {
        if (Relaunch.wanted()) {
            var code = Relaunch.run(args);
            if (code.isPresent()) System.exit(code.get());
            System.err.println("xai: note: the JVM was started without --add-modules=jdk.incubator.vector; "
                    + "the kernels run as plain loops, several times slower (use the xai launcher)");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = false;
        for (String a : args) debug |= a.equals("--debug");
        final boolean showStack = debug;
        CommandLine cl = new CommandLine(new Main());
        Commands.register(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("xai: " + oneLine(e.getMessage()));
            if (showStack) e.printStackTrace(err);
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (ResourceErrors.find(e) != null) return ResourceErrors.report(ResourceErrors.find(e), args, err, showStack);
            if (e instanceof UsageError) {
                err.println("xai: " + oneLine(e.getMessage()));
                if (showStack) e.printStackTrace(err);
                return USAGE;
            }
            err.println("xai: " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            if (showStack) e.printStackTrace(err);
            else if (!(e instanceof java.io.IOException) && !(e instanceof IllegalArgumentException)
                    && !(e instanceof Failure)) {
                err.println("xai: (an internal error; run with --debug for the stack trace)");
            }
            return FAILURE;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            code = ResourceErrors.report(e, args, err, showStack);
        }
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
    }

    /** A usage error found while running (a missing file, an option value out of range): exit code 2. */
    public static final class UsageError extends RuntimeException {
        public UsageError(String message) {
            super(message);
        }
    }

    /** A failure with a complete one-line message (exit code 1). */
    public static final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }
    }
}
