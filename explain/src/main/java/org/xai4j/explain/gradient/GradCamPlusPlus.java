package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Grad-CAM++ (Chattopadhay, Sarkar, Howlader, Balasubramanian, WACV 2018, eq. 19 with the exponential
 * output's closed form): with g = ∂f_t/∂A and S_c = Σ A_c, α = g² / (2g² + S_c g³ + 1e-6) (0 where g = 0),
 * w_c = Σ α · ReLU(g), cam = Σ_c w_c A_c, as pytorch-grad-cam's {@code GradCAMPlusPlus}. Same options
 * and output shape as {@link LayerGradCam}; the paper rectifies the map, here {@code relu} decides
 * (default off, like Grad-CAM).
 */
public final class GradCamPlusPlus implements AttributionMethod {
    private static final double EPS = 1e-6;

    private final LayerGradCam.Options options;

    public GradCamPlusPlus(LayerGradCam.Options options) {
        this.options = options;
    }

    public GradCamPlusPlus() {
        this(LayerGradCam.Options.defaults());
    }

    public LayerGradCam.Options options() {
        return options;
    }

    @Override
    public String name() {
        return "grad-cam-plus-plus";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerSelection.resolve(options.layer(), model, inputs);
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Tensor cam = GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            LayerGradients lg = LayerGradients.of(model, x, tt, layer);
            return lg.weightedSum(weights(lg), options.relu());
        });
        return CamSupport.upsample(cam, inputs, options.upsample());
    }

    static double[] weights(LayerGradients lg) {
        int n = lg.rows(), c = lg.channels(), p = lg.positions();
        float[] g = lg.gradient().toArray(), a = lg.activation().toArray();
        double[] w = new double[n * c];
        for (int i = 0; i < n * c; i++) {
            double sumA = 0;
            for (int q = 0; q < p; q++) sumA += a[i * p + q];
            double wi = 0;
            for (int q = 0; q < p; q++) {
                double gi = g[i * p + q];
                if (gi == 0) continue;
                double g2 = gi * gi;
                double alpha = g2 / (2 * g2 + sumA * g2 * gi + EPS);
                wi += alpha * Math.max(0, gi);
            }
            w[i] = wi;
        }
        return w;
    }
}
