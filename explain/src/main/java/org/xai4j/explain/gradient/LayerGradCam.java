package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Grad-CAM (Selvaraju et al., ICCV 2017, eq. 1–2): cam = Σ_c w_c A_c with w_c the mean over positions of
 * ∂f_t/∂A_c, at the layer's own resolution, shape (N, 1, h[, w]) ((N, 1) for an (N, C) layer). As Captum
 * 0.7 {@code LayerGradCam(model, layer).attribute(x, target, relu_attributions)}: no ReLU unless asked
 * (the paper applies one); optional upsampling to the input's spatial size.
 */
public final class LayerGradCam implements AttributionMethod {
    /**
     * @param layer     the activation's name ({@code --layer}); "auto" or null picks the last conv map
     *                  before global pooling ({@link LayerSelection#auto})
     * @param relu      rectify the map ({@code --relu}; Captum's relu_attributions, default false)
     * @param upsample  resize to the input's spatial size ({@code --upsample}; default none, as Captum)
     * @param batchSize model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(String layer, boolean relu, Upsampling upsample, int batchSize) {
        public Options {
            if (upsample == null) upsample = Upsampling.NONE;
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(LayerSelection.AUTO, false, Upsampling.NONE, 64);
        }

        public Options withLayer(String l) { return new Options(l, relu, upsample, batchSize); }
        public Options withRelu(boolean r) { return new Options(layer, r, upsample, batchSize); }
        public Options withUpsample(Upsampling u) { return new Options(layer, relu, u, batchSize); }
        public Options withBatchSize(int b) { return new Options(layer, relu, upsample, b); }
    }

    private final Options options;

    public LayerGradCam(Options options) {
        this.options = options;
    }

    public LayerGradCam() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "grad-cam";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerSelection.resolve(options.layer(), model, inputs);
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Tensor cam = GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            LayerGradients lg = LayerGradients.of(model, x, tt, layer);
            return lg.weightedSum(meanGradients(lg), options.relu());
        });
        return CamSupport.upsample(cam, inputs, options.upsample());
    }

    /** w[n, c] = mean over positions of ∂f_t/∂A[n, c] (Captum: torch.mean over dims 2..). */
    static double[] meanGradients(LayerGradients lg) {
        int n = lg.rows(), c = lg.channels(), p = lg.positions();
        float[] g = lg.gradient().toArray();
        double[] w = new double[n * c];
        for (int i = 0; i < n * c; i++) {
            double s = 0;
            for (int q = 0; q < p; q++) s += g[i * p + q];
            w[i] = (float) (s / p); // Captum averages in float32
        }
        return w;
    }
}
