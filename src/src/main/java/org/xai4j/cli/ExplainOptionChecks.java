package org.xai4j.cli;


import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * The values of {@code xai explain}'s method options, checked against their limits and against the input
 * before any work (issue 18: every bad option value is a usage error naming the option). Kept apart from
 * {@link MethodFactory}, which builds the methods.
 */
final class ExplainOptionChecks {
    private ExplainOptionChecks() {}

    /** Every numeric option in its range, before any file is read or any work done. */
    static void checkValues(ExplainOptions o, Tensor inputs) {
        // Captum's Riemann rules need two points; Gauss-Legendre works from one
        boolean riemann = o.integration != null && o.integration.toLowerCase(Locale.ROOT).startsWith("riemann");
        OptionLimits.range("--steps", o.steps, riemann ? 2 : 1, OptionLimits.MAX_STEPS);
        OptionLimits.count("--samples", o.samples);
        OptionLimits.atLeast("--stdev", o.stdev, 0f);
        int rank = inputs.dim() - 1;
        if (rank < 2 && (o.method.equals("guided-grad-cam") || o.upsample != null)) {
            // a map over spatial axes needs an input that has them: (N, C, L) or (N, C, H, W)
            throw new Main.UsageError((o.upsample != null ? "--upsample" : "--method guided-grad-cam") + " needs inputs with spatial axes "
                    + "(N, C, L) or (N, C, H, W), got " + Shape.str(inputs.shape()));
        }
        if (o.window != null) {
            if (o.window.length != rank) {
                throw new Main.UsageError("--window needs one size per non-batch axis of the input " + Shape.str(inputs.shape())
                        + " (" + rank + "), got " + o.window.length);
            }
            for (int i = 0; i < rank; i++) OptionLimits.range("--window", o.window[i], 1, inputs.size(i + 1));
        }
        if (o.stride != null) {
            if (o.stride.length != 1 && o.stride.length != rank) {
                throw new Main.UsageError("--stride needs one step, or one per non-batch axis (" + rank + "), got " + o.stride.length);
            }
            for (int i = 0; i < o.stride.length; i++) {
                OptionLimits.range("--stride", o.stride[i], 1, o.stride.length == 1 ? Integer.MAX_VALUE : Math.max(1, inputs.size(i + 1)));
            }
        }
    }

    /** The mask's group labels: an integer array, or a float array of whole numbers (NumPy's default dtype); a fraction or NaN is refused. */
    static long[] maskLabels(HostArray a, Path file) {
        if (a.dtype().isIntegral()) return a.toLongArray();
        if (a.dtype() != org.xai4j.engine.io.DType.FLOAT32 && a.dtype() != org.xai4j.engine.io.DType.FLOAT64) {
            throw new Main.UsageError("--feature-mask " + file + ": expected integer group labels, got " + a.dtype().numpyName());
        }
        double[] d = a.toDoubleArray();
        long[] labels = new long[d.length];
        for (int k = 0; k < d.length; k++) {
            if (d[k] != Math.rint(d[k]) || Math.abs(d[k]) > 0x1p31) {
                throw new Main.UsageError("--feature-mask " + file + ": group labels must be whole numbers, got " + d[k] + " at flat index " + k);
            }
            labels[k] = (long) d[k];
        }
        return labels;
    }

    /**
     * A reference array's shape against the input's, before any work: --baseline broadcasts to the input by
     * NumPy's rules for every method (the unified {@link org.xai4j.explain.Baseline}, as Captum); --baselines
     * and --background are (B, row) with B >= 1.
     */
    static void checkReferenceShape(Tensor inputs, String option, Path file, int[] shape) {
        int[] in = inputs.shape();
        int[] row = Arrays.copyOfRange(in, 1, in.length);
        String got = Shape.str(shape);
        if (option.equals("--baseline")) {
            if (broadcasts(shape, in)) return;
            throw new Main.UsageError(option + " " + file + ": shape " + got + " does not broadcast to the input's shape "
                    + Shape.str(in) + " (give one row " + Shape.str(row) + ", (1, ...), one row per input row, or a number)");
        }
        boolean rows = shape.length == in.length && shape[0] >= 1
                && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), row);
        if (!rows) {
            throw new Main.UsageError(option + " " + file + ": shape " + got + " is not (B, " + Shape.str(row).replaceAll("^\\[|\\]$", "")
                    + ") with B >= 1 rows like the input's");
        }
    }

    /** A --feature-mask's shape: it must broadcast to the input's (NumPy's rules; an H x W mask over (N, C, H, W)). */
    static void checkMaskShape(Path file, int[] shape, Tensor inputs) {
        if (broadcasts(shape, inputs.shape())) return;
        throw new Main.UsageError("--feature-mask " + file + ": shape " + Shape.str(shape) + " does not broadcast to the input's shape "
                + Shape.str(inputs.shape()));
    }

    /** Whether {@code shape} broadcasts to {@code to} by NumPy's rules (right-aligned, each axis equal or 1). */
    static boolean broadcasts(int[] shape, int[] to) {
        if (shape.length > to.length) return false;
        for (int i = 1; i <= shape.length; i++) {
            int d = shape[shape.length - i];
            if (d != 1 && d != to[to.length - i]) return false;
        }
        return true;
    }
}
