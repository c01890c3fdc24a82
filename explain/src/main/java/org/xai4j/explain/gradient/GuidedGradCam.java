package org.xai4j.explain.gradient;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Guided Grad-CAM (Selvaraju et al., ICCV 2017, §3.1): guided backprop ⊙ Grad-CAM, the Grad-CAM map
 * rectified and upsampled nearest-neighbour to the input size and broadcast over channels. As Captum
 * 0.7 {@code GuidedGradCam(model, layer).attribute(x, target)} (relu_attributions=True,
 * interpolate_mode="nearest"). Output shaped like the inputs.
 */
public final class GuidedGradCam implements AttributionMethod {
    /**
     * @param layer     the activation's name ({@code --layer}), or "auto"/null
     * @param batchSize model inputs per forward/backward pass ({@code --batch-size})
     */
    public record Options(String layer, int batchSize) {
        public Options {
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(LayerSelection.AUTO, 64);
        }

        public Options withLayer(String l) { return new Options(l, batchSize); }
        public Options withBatchSize(int b) { return new Options(layer, b); }
    }

    private final Options options;

    public GuidedGradCam(Options options) {
        this.options = options;
    }

    public GuidedGradCam() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "guided-grad-cam";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerSelection.resolve(options.layer(), model, inputs);
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        if (inputs.dim() < 3) {
            throw new ShapeException("guided-grad-cam needs inputs with spatial axes (N, C, L) or (N, C, H, W), got " + Shape.str(inputs.shape()));
        }
        LayerGradCam cam = new LayerGradCam(new LayerGradCam.Options(layer, true, Upsampling.NEAREST, options.batchSize()));
        GuidedBackprop guided = new GuidedBackprop(new GuidedBackprop.Options(options.batchSize()));
        return GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            float[] gb = guided.attribute(model, x, tt).toArray();
            float[] map = cam.attribute(model, x, tt).toArray();
            int n = x.size(0), c = x.size(1), p = x.numel() / (n * c);
            float[] out = new float[gb.length];
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < c; k++) {
                    for (int s = 0; s < p; s++) out[(r * c + k) * p + s] = gb[(r * c + k) * p + s] * map[r * p + s];
                }
            }
            return Tensor.of(out, x.shape());
        });
    }
}
