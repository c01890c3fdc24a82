package org.xai4j.explain.lime;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.linalg.WeightedLeastSquares;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureGroups;
import org.xai4j.explain.perturbation.Originals;

/**
 * LIME (Ribeiro, Singh and Guestrin, "Why Should I Trust You?", KDD 2016): per row, the weighted ridge
 * surrogate g = argmin Σ_k π(z_k) (f(z_k) − β0 − β·z'_k)² + α‖β‖², π(z) = exp-kernel of the distance
 * between z and x, fitted on perturbed samples z_k with interpretable coordinates z'_k.
 *
 * <p>Two samplings. On/off (no background; images with superpixels from the feature mask, or tabular
 * features against a baseline), as Captum 0.7 {@code Lime} defaults: z' ∈ {0,1}^G uniform, z = x on
 * the groups switched on and the baseline elsewhere, π = exp(−d²/(2w²)) with d the cosine distance
 * between x and z and w = 1; β_g is group g's contribution relative to the baseline. Gaussian (a
 * background is given), as LIME's {@code LimeTabularExplainer(sample_around_instance=True,
 * discretize_continuous=False)}: z = x + σ∘ε with σ the background's per-feature standard deviation
 * (1 where it is 0), the first sample x itself, z' = (z − x)/σ, π = √exp(−‖z'‖²/w²) with w = 0.75√F;
 * the attribution is LIME's coefficient divided by σ, the local slope ∂f/∂x_e in the model's units.
 * Both fit {@code Ridge(alpha=1)} with intercept, as LIME, by {@link WeightedLeastSquares}.
 */
public final class Lime implements AttributionMethod {
    private final LimeOptions options;

    public Lime(LimeOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "lime";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return explain(model, inputs, targets).attributions();
    }

    /** The surrogates of every row: coefficients, intercepts, their R², and the attributions. */
    public LimeResult explain(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        int[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        BatchedForward forward = new BatchedForward(model, rowShape, options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        int rows = x.rows(), d = x.rowSize(), n = options.samples();
        Sampler sampler = options.background() != null
                ? new GaussianSampler(x, scales(options.background(), rowShape), options)
                : new OnOffSampler(x, FeatureGroups.of(options.featureMask(), shape),
                        (options.baseline() == null ? Baseline.ZERO : options.baseline()).resolve(shape), options);

        // One stream over all rows: perturbation p = r * n + k. Kernel weights are computed when a row is
        // built (they need the perturbed input), model scores when its block comes back.
        double[] y = new double[rows * n];
        double[] weight = new double[rows * n];
        forward.scores((long) rows * n,
                (p, dest, off) -> weight[(int) p] = sampler.fill((int) (p / n), (int) (p % n), dest, off),
                p -> x.targets()[(int) (p / n)],
                (p, score) -> y[(int) p] = score);

        float[] attr = new float[rows * d];
        double[][] coefficients = new double[rows][];
        double[] intercepts = new double[rows], r2 = new double[rows];
        for (int r = 0; r < rows; r++) {
            int g = sampler.features(r);
            double[] design = new double[n * g];
            for (int k = 0; k < n; k++) sampler.interpretable(r, k, design, k * g);
            double[] rowY = Arrays.copyOfRange(y, r * n, (r + 1) * n), rowWeight = Arrays.copyOfRange(weight, r * n, (r + 1) * n);
            if (!allFinite(rowY) || !allFinite(rowWeight)) {
                // a NaN or infinite score (non-finite input let through, a model computing NaN): no fit is defined,
                // and the row's attributions say so as NaN, as Shapley sampling's and KernelSHAP's do
                double[] nan = new double[g];
                Arrays.fill(nan, Double.NaN);
                coefficients[r] = sampler.toAttributionUnits(nan);
                intercepts[r] = Double.NaN;
                r2[r] = Double.NaN;
                for (int e = 0; e < d; e++) attr[r * d + e] = Float.NaN;
                continue;
            }
            WeightedLeastSquares.Fit fit = WeightedLeastSquares.fit(design, n, g, rowY, rowWeight, options.ridge(), true);
            coefficients[r] = sampler.toAttributionUnits(fit.coefficients());
            intercepts[r] = fit.intercept();
            r2[r] = fit.r2();
            for (int e = 0; e < d; e++) attr[r * d + e] = (float) coefficients[r][sampler.featureOf(r, e)];
        }
        return new LimeResult(Tensor.of(attr, shape), coefficients, intercepts, r2);
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) if (!Double.isFinite(x)) return false;
        return true;
    }

    /** Per-feature population standard deviation of the background rows, 1 where it is 0 (sklearn's StandardScaler). */
    private static double[] scales(Tensor background, int[] rowShape) {
        int[] bs = background.shape();
        if (bs.length != rowShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(bs, 1, bs.length), rowShape) || bs[0] == 0) {
            throw new IllegalArgumentException("background of shape " + Shape.str(bs) + " does not match the input rows "
                    + Shape.str(rowShape) + ": expected (B, ...row shape) with B >= 1");
        }
        float[] v = background.toArray();
        int b = bs[0], d = v.length / b;
        double[] scale = new double[d];
        for (int e = 0; e < d; e++) {
            double mean = 0, sq = 0;
            for (int r = 0; r < b; r++) mean += v[r * d + e];
            mean /= b;
            for (int r = 0; r < b; r++) sq += (v[r * d + e] - mean) * (v[r * d + e] - mean);
            scale[e] = Math.sqrt(sq / b);
            if (scale[e] == 0) scale[e] = 1;
        }
        return scale;
    }

    /** How perturbations and their interpretable coordinates are made. */
    private interface Sampler {
        /** Writes perturbation k of row r and returns its kernel weight. */
        double fill(int row, int k, float[] dest, int offset);

        int features(int row);

        /** The interpretable coordinates z' of perturbation k of row r, into out[offset, offset + features). */
        void interpretable(int row, int k, double[] out, int offset);

        int featureOf(int row, int element);

        double[] toAttributionUnits(double[] coefficients);
    }

    /** Captum's on/off sampling: feature g of sample k is on when uniform(seed, row, k·G + g) < 0.5. */
    private static final class OnOffSampler implements Sampler {
        private final Originals x;
        private final FeatureGroups groups;
        private final float[] baseline;
        private final long seed;
        private final double width;
        private final int d;

        OnOffSampler(Originals x, FeatureGroups groups, float[] baseline, LimeOptions options) {
            this.x = x;
            this.groups = groups;
            this.baseline = baseline;
            this.seed = options.seed();
            this.width = options.kernelWidth() > 0 ? options.kernelWidth() : 1.0;
            this.d = x.rowSize();
        }

        private boolean on(int row, int k, int g) {
            return PhiloxRandom.uniform(seed, row, (long) k * groups.count(row) + g) < 0.5f;
        }

        @Override
        public double fill(int row, int k, float[] dest, int offset) {
            System.arraycopy(baseline, row * d, dest, offset, d);
            for (int g = 0, count = groups.count(row); g < count; g++) {
                if (on(row, k, g)) groups.copyGroup(row, g, x.values(), row * d, dest, offset);
            }
            // cosine distance between x and z (torch's CosineSimilarity, eps 1e-8), Captum's default kernel
            float[] v = x.values();
            double dot = 0, xx = 0, zz = 0;
            for (int e = 0; e < d; e++) {
                double a = v[row * d + e], b = dest[offset + e];
                dot += a * b;
                xx += a * a;
                zz += b * b;
            }
            double distance = 1 - dot / Math.max(Math.sqrt(xx) * Math.sqrt(zz), 1e-8);
            return Math.exp(-distance * distance / (2 * width * width));
        }

        @Override
        public int features(int row) {
            return groups.count(row);
        }

        @Override
        public void interpretable(int row, int k, double[] out, int offset) {
            for (int g = 0, count = groups.count(row); g < count; g++) out[offset + g] = on(row, k, g) ? 1 : 0;
        }

        @Override
        public int featureOf(int row, int element) {
            return groups.groupOf(row)[element];
        }

        @Override
        public double[] toAttributionUnits(double[] coefficients) {
            return coefficients;
        }
    }

    /** LIME tabular sampling around the instance: z = x + σ ε, ε = normal(seed, row, k·F + e); sample 0 is x. */
    private static final class GaussianSampler implements Sampler {
        private final Originals x;
        private final double[] scale;
        private final long seed;
        private final double width;
        private final int d;

        GaussianSampler(Originals x, double[] scale, LimeOptions options) {
            this.x = x;
            this.scale = scale;
            this.seed = options.seed();
            this.d = x.rowSize();
            this.width = options.kernelWidth() > 0 ? options.kernelWidth() : 0.75 * Math.sqrt(d);
        }

        private double noise(int row, int k, int e) {
            return k == 0 ? 0 : PhiloxRandom.normal(seed, row, (long) k * d + e);
        }

        @Override
        public double fill(int row, int k, float[] dest, int offset) {
            float[] v = x.values();
            double sq = 0;
            for (int e = 0; e < d; e++) {
                double eps = noise(row, k, e);
                dest[offset + e] = (float) (v[row * d + e] + scale[e] * eps);
                sq += eps * eps;
            }
            return Math.sqrt(Math.exp(-sq / (width * width)));
        }

        @Override
        public int features(int row) {
            return d;
        }

        @Override
        public void interpretable(int row, int k, double[] out, int offset) {
            for (int e = 0; e < d; e++) out[offset + e] = noise(row, k, e);
        }

        @Override
        public int featureOf(int row, int element) {
            return element;
        }

        @Override
        public double[] toAttributionUnits(double[] coefficients) {
            double[] slope = new double[d];
            for (int e = 0; e < d; e++) slope[e] = coefficients[e] / scale[e];
            return slope;
        }
    }
}
