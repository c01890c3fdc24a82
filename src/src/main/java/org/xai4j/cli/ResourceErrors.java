package org.xai4j.cli;

import java.io.PrintWriter;

/**
 * The top-level answer to running out of heap or stack: one line saying what ran out and what to try,
 * exit code 1, never a Java stack trace (unless --debug). Sizes are checked before allocating where they
 * can be (option limits, the .npy and ONNX readers); this is the net for what a check cannot foresee
 * (a model whose activations outgrow the heap).
 */
final class ResourceErrors {
    private ResourceErrors() {}

    /** The OutOfMemoryError or StackOverflowError that {@code e} is or was caused by (a worker thread's), or null. */
    static Error find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) return (Error) t;
        }
        return null;
    }

    /** Prints the one line and returns {@link Main#FAILURE}. */
    static int report(Error e, String[] args, PrintWriter err, boolean showStack) {
        String command = args.length == 0 ? "xai" : args[0];
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        if (e instanceof StackOverflowError) {
            err.println("xai: " + command + " ran out of stack (a graph or file nested too deeply); "
                    + "try a larger thread stack, XAI_JAVA_OPTS=-Xss64m");
        } else {
            String what = e.getMessage() == null ? "Java heap space" : Main.oneLine(e.getMessage());
            // --batch-size only where the command has it (the model and its weights must fit whatever the batch)
            boolean batched = java.util.List.of("explain", "pdp", "importance").contains(command);
            err.println("xai: " + command + " ran out of memory (" + what + ", heap limit " + heapMb + " MB); try "
                    + (batched ? "a smaller --batch-size or fewer rows" : "fewer rows") + ", or a larger heap, e.g. XAI_JAVA_OPTS=-Xmx"
                    + Math.max(2, 2 * heapMb / 1024 + 1) + "g");
        }
        if (showStack) e.printStackTrace(err);
        return Main.FAILURE;
    }
}
