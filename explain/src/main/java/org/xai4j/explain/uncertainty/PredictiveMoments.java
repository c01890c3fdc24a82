package org.xai4j.explain.uncertainty;

/**
 * Per output element of N samples: the predictive mean, the epistemic variance (of the means over
 * passes or members) and the aleatoric variance (the mean of the predicted variances); their sum is the
 * total predictive variance (Kendall and Gal 2017, eq. 9). Arrays are row-major (N, elements...).
 *
 * @param shape      the output's shape, axis 0 the N samples
 * @param mean       Not copied.
 * @param epistemic  Not copied.
 * @param aleatoric  Not copied; zeros when the model has no variance head
 */
public record PredictiveMoments(int[] shape, double[] mean, double[] epistemic, double[] aleatoric) {
    /** The total variance, epistemic + aleatoric. */
    public double[] total() {
        double[] t = new double[mean.length];
        for (int i = 0; i < t.length; i++) t[i] = epistemic[i] + aleatoric[i];
        return t;
    }

    /** Samples (axis 0). */
    public int samples() {
        return shape[0];
    }

    /** Elements per sample. */
    public int elementsPerSample() {
        return mean.length / shape[0];
    }
}
