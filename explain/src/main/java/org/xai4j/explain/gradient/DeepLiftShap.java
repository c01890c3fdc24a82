package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * DeepLIFT averaged over a baseline distribution (Lundberg and Lee, NeurIPS 2017, §4.2 "Deep SHAP"):
 * attr = (1/B) Σ_j DeepLIFT(x, b_j), each with the rescale rule of {@link DeepLift}. As Captum 0.7
 * {@code DeepLiftShap(model).attribute(x, baselines, target)}. Its delta is the mean of the DeepLIFT
 * deltas: Σ attr − (f_t(x) − mean_j f_t(b_j)).
 */
public final class DeepLiftShap implements ConvergenceDeltaMethod {
    /**
     * @param baselines the reference rows b_j (B, ...) ({@code --baselines}; {@link Baseline#distribution}); null
     *                  means one row of zeros
     * @param batchSize model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(Baseline baselines, int batchSize) {
        public Options {
            if (baselines == null) baselines = Baseline.ZERO;
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(Baseline.ZERO, 64);
        }
    }

    private final Options options;

    public DeepLiftShap(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "deeplift-shap";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        return attributeWithDelta(model, inputs, targets).attributions();
    }

    @Override
    public AttributionWithDelta attributeWithDelta(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        int[] rowShape = inputs.shape();
        rowShape[0] = 1;
        int rs = GradientSupport.rowSize(inputs);
        float[] all = options.baselines().distributionRows(inputs.shape());
        int count = all.length / rs;
        int n = inputs.size(0);
        double[] sum = new double[inputs.numel()];
        double[] delta = new double[n];
        for (int j = 0; j < count; j++) {
            // baseline j as one row (1, ...), broadcast to every input row
            Baseline bj = Baseline.of(Tensor.of(java.util.Arrays.copyOfRange(all, j * rs, (j + 1) * rs), rowShape));
            AttributionWithDelta d = new DeepLift(new DeepLift.Options(bj, options.batchSize())).attributeWithDelta(model, inputs, t);
            float[] a = d.attributions().contiguous().toArray();
            for (int i = 0; i < a.length; i++) sum[i] += a[i];
            for (int r = 0; r < n; r++) delta[r] += d.delta()[r];
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / count);
        float[] meanDelta = new float[n];
        for (int r = 0; r < n; r++) meanDelta[r] = (float) (delta[r] / count);
        return new AttributionWithDelta(Tensor.of(out, inputs.shape()), meanDelta);
    }
}
