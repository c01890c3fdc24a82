package org.xai4j.explain.uncertainty;

/**
 * What {@link MonteCarloDropout} computes.
 *
 * @param passes         MC dropout passes T (0: one inference pass, dropout off)
 * @param seed           Philox key of the dropout masks
 * @param meanOutput     index of the model output that predicts the mean
 * @param varianceOutput index of the variance head, or -1 for none
 * @param varianceKind   what the variance head outputs (ignored without one)
 * @param transform      applied to the mean output of each pass before the moments (softmax for classifiers)
 * @param batchRows      most (sample, pass) rows per forward pass; the result does not depend on it
 */
public record UncertaintyOptions(int passes, long seed, int meanOutput, int varianceOutput, VarianceKind varianceKind,
                                 OutputTransform transform, int batchRows) {
    public UncertaintyOptions {
        if (passes < 0) throw new IllegalArgumentException("passes must be >= 0, got " + passes);
        if (passes > MonteCarloDropout.MAX_PASSES) {
            throw new IllegalArgumentException("passes must be at most " + MonteCarloDropout.MAX_PASSES + ", got " + passes);
        }
        if (meanOutput < 0) throw new IllegalArgumentException("meanOutput must be >= 0, got " + meanOutput);
        if (varianceOutput == meanOutput) throw new IllegalArgumentException("the variance head cannot be the mean output");
        if (batchRows < 1) throw new IllegalArgumentException("batchRows must be >= 1, got " + batchRows);
        if (varianceKind == null) varianceKind = VarianceKind.LOGVAR;
        if (transform == null) transform = OutputTransform.IDENTITY;
    }

    /** T MC dropout passes of output 0, no variance head, up to 4096 rows per forward pass. */
    public static UncertaintyOptions monteCarlo(int passes, long seed) {
        return new UncertaintyOptions(passes, seed, 0, -1, VarianceKind.LOGVAR, OutputTransform.IDENTITY, 4096);
    }

    public UncertaintyOptions withVarianceHead(int index, VarianceKind kind) {
        return new UncertaintyOptions(passes, seed, meanOutput, index, kind, transform, batchRows);
    }

    public UncertaintyOptions withBatchRows(int rows) {
        return new UncertaintyOptions(passes, seed, meanOutput, varianceOutput, varianceKind, transform, rows);
    }

    public UncertaintyOptions withSeed(long s) {
        return new UncertaintyOptions(passes, s, meanOutput, varianceOutput, varianceKind, transform, batchRows);
    }

    public UncertaintyOptions withTransform(OutputTransform t) {
        return new UncertaintyOptions(passes, seed, meanOutput, varianceOutput, varianceKind, t, batchRows);
    }

    public boolean hasVarianceHead() {
        return varianceOutput >= 0;
    }
}
