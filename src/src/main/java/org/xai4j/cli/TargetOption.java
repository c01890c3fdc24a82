package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.Targets;

/**
 * {@code --target K | T.npy}: one output column for every row, or an integer array with one per row;
 * absent, each row's argmax (column 0 for a one-output model), as Captum. Every problem (a value that
 * is neither an integer nor a readable file, a negative or out-of-range column, a count that does not
 * match the rows) is a usage error.
 */
final class TargetOption {
    private TargetOption() {}

    /**
     * @param value  the option's text, or null when not given
     * @param model  the model whose first output's columns bound the targets
     * @param inputs the rows explained; not modified
     * @return one target per row
     */
    static int[] resolve(String value, Model model, Tensor inputs) throws IOException {
        Tensor out;
        try (var ignored = org.xai4j.engine.autodiff.GradMode.noGrad()) {
            out = model.forward(inputs);
        }
        return resolve(value, out, inputs.shape()[0]);
    }

    /** {@link #resolve(String, Model, Tensor)} from the model's output for the rows, already computed. */
    static int[] resolve(String value, Tensor output, int rows) throws IOException {
        int[] given = value == null ? null : parse(value);
        try {
            return Targets.resolve(output, rows, given);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--target: " + e.getMessage());
        }
    }

    /** The indices the option names, unchecked against the model. */
    static int[] parse(String value) throws IOException {
        String v = value.trim();
        if (v.matches("[+-]?\\d+")) {
            long k;
            try {
                k = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new Main.UsageError("--target " + v + " is not a column index");
            }
            return new int[] {column(k, "--target " + v)};
        }
        if (v.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity|inf)")) {
            throw new Main.UsageError("--target " + v + " is not a column index (a whole number >= 0, or a .npy file)");
        }
        Path file = Path.of(v);
        CliFiles.requireFile(file);
        HostArray a = Npy.read(file);
        if (a.rank() > 1) {
            throw new Main.UsageError("--target " + file + ": expected one index per row (a 1-D array), got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        if (!a.dtype().isIntegral()) {
            throw new Main.UsageError("--target " + file + ": expected integer column indices, got " + a.dtype().numpyName());
        }
        long[] all = a.toLongArray();
        int[] out = new int[all.length];
        for (int i = 0; i < all.length; i++) out[i] = column(all[i], "target " + all[i] + " at index " + i + " of " + file);
        return out;
    }

    private static int column(long k, String what) {
        if (k < 0 || k > Integer.MAX_VALUE) throw new Main.UsageError(what + " is not a column index (must be >= 0)");
        return (int) k;
    }
}
