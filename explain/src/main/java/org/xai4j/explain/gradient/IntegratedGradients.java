package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.Batches;
import org.xai4j.engine.backend.cpu.RowArithmetic;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * Integrated Gradients (Sundararajan, Taly, Yan, ICML 2017, eq. 3):
 * attr = (x − b) ⊙ Σ_k w_k ∂f_t(b + α_k (x − b))/∂x, with the points and weights of {@link Integration};
 * as Captum 0.7 {@code IntegratedGradients.attribute(x, baselines, target, n_steps, method)}
 * (multiply_by_inputs=True). The steps × rows points are evaluated {@code batchSize} at a time, row by
 * row and step by step, so the result does not depend on the batch size.
 */
public final class IntegratedGradients implements ConvergenceDeltaMethod {
    /**
     * @param steps       number of points n ({@code --steps}; Captum's n_steps, default 50)
     * @param integration how points and weights are placed ({@code --integration}; default gausslegendre)
     * @param baseline    the reference input ({@code --baseline}; {@link Baseline}'s rules); null means zeros
     * @param batchSize   model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(int steps, Integration integration, Baseline baseline, int batchSize) {
        public Options {
            if (baseline == null) baseline = Baseline.ZERO;
            if (integration == null) throw new IllegalArgumentException("integration must not be null");
            integration.alphas(steps); // validates steps
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(50, Integration.GAUSS_LEGENDRE, Baseline.ZERO, 64);
        }

        public Options withSteps(int s) { return new Options(s, integration, baseline, batchSize); }
        public Options withIntegration(Integration i) { return new Options(steps, i, baseline, batchSize); }
        public Options withBaseline(Baseline b) { return new Options(steps, integration, b, batchSize); }
        public Options withBatchSize(int b) { return new Options(steps, integration, baseline, b); }
    }

    private final Options options;

    public IntegratedGradients(Options options) {
        this.options = options;
    }

    public IntegratedGradients() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "integrated-gradients";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return integrate(model, inputs, GradientSupport.targets(model, inputs, targets, options.batchSize()));
    }

    /** The attributions and each row's convergence delta Σ attr − (f_t(x) − f_t(b)). */
    @Override
    public AttributionWithDelta attributeWithDelta(Model model, Tensor inputs, int[] targets) {
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Tensor attr = integrate(model, inputs, t);
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        return new AttributionWithDelta(attr, Completeness.delta(model, inputs, base, attr, t, options.batchSize()));
    }

    private Tensor integrate(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        Baseline.PerRow base = options.baseline().perRow(inputs.shape());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), steps = options.steps();
        double[] alphas = options.integration().alphas(steps);
        double[] weights = options.integration().weights(steps);
        float[] x = inputs.contiguous().toArray();
        // a first layer affine in the input: integrate in its space (AffineInputPath); the same sums
        var affine = AffineInputPath.of(model);
        double[] acc = affine.isPresent()
                ? AffineInputPath.gradientSums(model, affine.get(), inputs, base, targets, alphas, weights, options.batchSize())
                : gradientSums(model, inputs, x, base, targets, alphas, weights);
        float[] out = new float[n * rs];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < rs; j++) out[r * rs + j] = (float) (acc[r * rs + j] * (x[r * rs + j] - base.get(r, j)));
        }
        return Tensor.of(out, inputs.shape());
    }

    /** Σ_k w_k ∂f_t/∂x at b + α_k (x − b) for every row, each pass from the input (x: the inputs' values). */
    private double[] gradientSums(Model model, Tensor inputs, float[] x, Baseline.PerRow base, int[] targets, double[] alphas,
                                  double[] weights) {
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), steps = alphas.length;
        double[] acc = new double[n * rs];
        float[] bv = base.values(), delta = new float[n * rs];
        for (int r = 0; r < n; r++) {
            for (int j = 0, bo = base.offset(r); j < rs; j++) delta[r * rs + j] = x[r * rs + j] - bv[bo + j];
        }
        int[] inputShape = inputs.shape();
        Batches.forEach(model, n, steps, options.batchSize(), rs, c -> { }, c -> {
            // the points are filled on the worker thread, beside the other chunks' passes
            int m = c.size();
            float[] points = c.buffer(rs);
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                RowArithmetic.interpolate(bv, base.offset(r), delta, r * rs, (float) alphas[c.sample(i)], points, i * rs, rs);
            }
            return GradientSupport.inputGradient(model, Tensor.of(points, c.shape(inputShape)), c.perPair(targets));
        }, (c, g) -> {
            for (int i = 0; i < c.size(); i++) {
                double w = (float) weights[c.sample(i)]; // Captum multiplies by float32 step sizes
                RowArithmetic.addScaled(acc, c.row(i) * rs, w, g.data(), g.offset() + i * rs, rs);
            }
        });
        return acc;
    }
}
