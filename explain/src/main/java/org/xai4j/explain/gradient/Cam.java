package org.xai4j.explain.gradient;

import java.util.List;
import org.xai4j.engine.io.onnx.OnnxGraph;
import org.xai4j.engine.io.onnx.OnnxModel;
import org.xai4j.engine.io.onnx.OnnxNode;
import org.xai4j.engine.io.onnx.OnnxTensor;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Class activation mapping (Zhou, Khosla, Lapedriza, Oliva, Torralba, CVPR 2016, eq. 2):
 * cam = Σ_c W[t, c] · A_c, for a network whose class scores are W · GAP(A) + b. The caller supplies W
 * (classes × channels); {@link #classifierWeights} reads it from an ONNX graph of the form
 * layer → GlobalAveragePool → Flatten → Gemm. Output (N, 1, h[, w]) at the layer's resolution. On such a
 * network CAM = (h·w) × Grad-CAM.
 */
public final class Cam implements AttributionMethod {
    /**
     * @param layer             the feature map's name ({@code --layer}), or "auto"/null
     * @param classifierWeights W (classes × channels) of the linear layer after global average pooling
     * @param relu              rectify the map ({@code --relu})
     * @param upsample          resize to the input's spatial size ({@code --upsample})
     * @param batchSize         model inputs per forward pass ({@code --batch-size})
     */
    public record Options(String layer, Tensor classifierWeights, boolean relu, Upsampling upsample, int batchSize) {
        public Options {
            if (classifierWeights == null) {
                throw new IllegalArgumentException("cam needs the classifier weights (classes x channels) of the linear layer after"
                        + " global average pooling (Zhou et al. 2016); this model does not provide them, use grad-cam instead");
            }
            if (classifierWeights.dim() != 2) {
                throw new IllegalArgumentException("cam: classifier weights must be (classes, channels), got " + Shape.str(classifierWeights.shape()));
            }
            if (upsample == null) upsample = Upsampling.NONE;
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options of(String layer, Tensor classifierWeights) {
            return new Options(layer, classifierWeights, false, Upsampling.NONE, 64);
        }
    }

    private final Options options;

    public Cam(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "cam";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        GradientSupport.checkSingleInput(model, name());
        String layer = LayerSelection.resolve(options.layer(), model, inputs);
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        Tensor w = options.classifierWeights();
        int classes = w.size(0), channels = w.size(1);
        float[] wv = w.contiguous().toArray();
        Tensor cam = GradientSupport.byChunks(inputs, t, options.batchSize(), (x, tt, first) -> {
            Tensor a;
            try (var s = org.xai4j.engine.autodiff.GradMode.noGrad()) {
                a = GradientSupport.run(model, x).get(layer).contiguous();
            }
            if (a.dim() < 3 || a.size(1) != channels) {
                throw new IllegalArgumentException("cam: layer '" + layer + "' has shape " + Shape.str(a.shape())
                        + "; expected (N, " + channels + ", spatial...) to match classifier weights " + Shape.str(w.shape()));
            }
            double[] rowWeights = new double[x.size(0) * channels];
            for (int r = 0; r < tt.length; r++) {
                if (tt[r] < 0 || tt[r] >= classes) {
                    throw new IllegalArgumentException("cam: target " + tt[r] + " outside the classifier's " + classes + " classes");
                }
                for (int c = 0; c < channels; c++) rowWeights[r * channels + c] = wv[tt[r] * channels + c];
            }
            return new LayerGradients(a, a).weightedSum(rowWeights, options.relu());
        });
        return CamSupport.upsample(cam, inputs, options.upsample());
    }

    /**
     * W (classes × channels) of the classifier behind {@code layer}, from a graph where the layer feeds a
     * GlobalAveragePool, then a Flatten/Reshape/Squeeze, then a Gemm with an initializer weight whose
     * output is the model's output (optionally through Softmax or Sigmoid). A clear error naming the
     * obstacle otherwise.
     */
    public static Tensor classifierWeights(OnnxModel onnx, String layer) {
        OnnxGraph g = onnx.graph();
        OnnxNode pool = onlyConsumer(g, layer, "the layer");
        if (!pool.opType().equals("GlobalAveragePool")) {
            throw refuse(layer, "it feeds " + pool.opType() + ", not a GlobalAveragePool");
        }
        String v = pool.outputs().get(0);
        OnnxNode next = onlyConsumer(g, v, "the pool");
        while (next.opType().equals("Flatten") || next.opType().equals("Reshape") || next.opType().equals("Squeeze")) {
            v = next.outputs().get(0);
            next = onlyConsumer(g, v, next.opType());
        }
        if (!next.opType().equals("Gemm") || !next.input(0).equals(v) || next.attrInt("transA", 0) != 0) {
            throw refuse(layer, "the pooled features go to " + next.opType() + ", not the first operand of a Gemm");
        }
        OnnxTensor wt = initializer(g, next.input(1));
        if (wt == null || wt.shape().length != 2) throw refuse(layer, "the Gemm's weight is not a 2-D initializer");
        String out = next.outputs().get(0);
        List<OnnxNode> after = consumers(g, out);
        if (after.size() == 1 && (after.get(0).opType().equals("Softmax") || after.get(0).opType().equals("Sigmoid"))) {
            out = after.get(0).outputs().get(0);
        }
        String finalOut = out;
        if (g.outputs().stream().noneMatch(o -> o.name().equals(finalOut))) {
            throw refuse(layer, "the Gemm after the pool is not the model's output layer");
        }
        // Gemm computes alpha · features @ op(B): W = alpha · B when transB, else alpha · Bᵀ
        float[] d = wt.toFloats();
        float alpha = next.attrFloat("alpha", 1f);
        boolean transB = next.attrInt("transB", 0) != 0;
        int r = wt.shape()[0], c = wt.shape()[1];
        int classes = transB ? r : c, channels = transB ? c : r;
        float[] w = new float[classes * channels];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                if (transB) w[i * channels + j] = alpha * d[i * c + j];
                else w[j * channels + i] = alpha * d[i * c + j];
            }
        }
        return Tensor.of(w, classes, channels);
    }

    private static IllegalArgumentException refuse(String layer, String why) {
        return new IllegalArgumentException("cam needs layer -> GlobalAveragePool -> linear classifier, but after '" + layer + "' "
                + why + "; use grad-cam instead");
    }

    private static OnnxNode onlyConsumer(OnnxGraph g, String value, String what) {
        List<OnnxNode> c = consumers(g, value);
        if (c.size() != 1) throw refuse(value, what + " has " + c.size() + " consumers, not one");
        return c.get(0);
    }

    private static List<OnnxNode> consumers(OnnxGraph g, String value) {
        return g.nodes().stream().filter(n -> n.inputs().contains(value)).toList();
    }

    private static OnnxTensor initializer(OnnxGraph g, String name) {
        return g.initializers().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
