package org.xai4j.explain.gradient;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.backend.cpu.RowArithmetic;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.AffineInput;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.Batches;
import org.xai4j.explain.ComputeDevice;

/**
 * Integrated gradients' weighted gradient sums Σ_k w_k ∂f_t/∂x at b + α_k (x − b), for a model whose
 * first layer is affine in its input, z = A x + c ({@link Model#affineInput}), computed in z's space. The
 * straight path from b to x maps to the straight path z(b) + α_k (z(x) − z(b)), and ∂f/∂x = Aᵀ ∂f/∂z, so
 * the sum is Aᵀ Σ_k w_k ∂f_t/∂z at those points: each pass starts at z (the layer is not run) and stops
 * there (its backward is not run), and Aᵀ is applied once per row at the end. On the 32x32 image CNN the
 * first convolution, forwards and backwards, was about half the convolution work of an IG-50.
 *
 * <p>The same sum as the plain path, rounded differently (AffineInputPathTest compares the two). Taken on
 * the CPU with no override in force; {@link IntegratedGradients} runs the plain path otherwise.
 */
final class AffineInputPath {
    /**
     * Fewer products per value of z than this, and skipping the layer saves less than the two extra passes
     * over z (which is larger than x: 8 channels for 3) cost. An MLP's 4-input first layer stays on the plain path.
     */
    static final int MIN_TERMS = 8;

    private AffineInputPath() {}

    /** The model's affine first layer, when integrating there applies in this context. */
    static Optional<AffineInput> of(Model model) {
        if (ActivationOverride.active() || Gradients.overridesActive() || !Device.CPU.equals(ComputeDevice.current())) {
            return Optional.empty();
        }
        return model.affineInput().filter(a -> a.terms() >= MIN_TERMS);
    }

    /**
     * Σ_k w_k ∂f_t/∂x at b + α_k (x − b) for every row: (N, row size) as rows of {@code inputs}, summed in
     * step order per row (so the batch size does not change them).
     */
    static double[] gradientSums(Model model, AffineInput layer, Tensor inputs, Baseline.PerRow base, int[] targets,
                                 double[] alphas, double[] weights, int batchSize) {
        String name = layer.value();
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), steps = alphas.length;
        int[] none = new int[n];
        Tensor zxT = GradientSupport.byChunks(inputs, none, batchSize, (x, t, first) -> LayerValues.activation(model, x, name));
        float[] zx = zxT.toArray();
        float[] zb = GradientSupport.byChunks(inputs, none, batchSize,
                (x, t, first) -> LayerValues.activation(model, base.rows(first, first + x.size(0)), name)).toArray();
        int ls = zx.length / n;
        int[] layerShape = zxT.shape(), inputShape = inputs.shape();
        float[] delta = new float[n * ls];
        for (int i = 0; i < delta.length; i++) delta[i] = zx[i] - zb[i];
        double[] acc = new double[n * ls];
        Batches.forEach(model, n, steps, batchSize, rs, c -> { }, c -> {
            // the points are filled here, on the worker thread: z is larger than x
            int m = c.size();
            float[] points = c.buffer(ls);
            for (int i = 0; i < m; i++) {
                int ro = c.row(i) * ls;
                RowArithmetic.interpolate(zb, ro, delta, ro, (float) alphas[c.sample(i)], points, i * ls, ls);
            }
            return LayerValues.gradientReplaced(model, unreadInput(c.shape(inputShape)), c.perPair(targets), name,
                    Tensor.of(points, c.shape(layerShape)));
        }, (c, g) -> {
            for (int i = 0; i < c.size(); i++) {
                double w = (float) weights[c.sample(i)]; // Captum multiplies by float32 step sizes
                RowArithmetic.addScaled(acc, c.row(i) * ls, w, g.data(), g.offset() + i * ls, ls);
            }
        });
        float[] sumsAtLayer = new float[acc.length];
        for (int i = 0; i < acc.length; i++) sumsAtLayer[i] = (float) acc[i];
        float[] back = GradientSupport.byChunks(inputs, none, batchSize,
                (x, t, first) -> throughLayer(model, x, name, sumsAtLayer, first * ls)).toArray();
        double[] out = new double[n * rs];
        for (int i = 0; i < out.length; i++) out[i] = back[i];
        return out;
    }

    /** Zeros of each chunk shape, shared and never written: the model's input is bound, but only the skipped layer reads it. */
    private static final Map<List<Integer>, Tensor> UNREAD = new ConcurrentHashMap<>();

    private static Tensor unreadInput(int[] shape) {
        List<Integer> key = Arrays.stream(shape).boxed().toList();
        Tensor t = UNREAD.get(key);
        if (t == null) {
            if (UNREAD.size() > 32) UNREAD.clear(); // a few batch sizes per model in practice
            t = Tensor.of(new float[Shape.numel(shape)], shape); // plain heap memory, outside any recycling scope
            UNREAD.put(key, t);
        }
        return t;
    }

    /** Aᵀ g for rows x: the gradient of ⟨z(x), g⟩ with respect to x, g read from {@code g} at {@code offset}. */
    private static Tensor throughLayer(Model model, Tensor x, String name, float[] g, int offset) {
        try (TensorMemory.Scope memory = TensorMemory.recycling(); GradMode.Scope ignored = GradMode.enableGrad()) {
            Tensor leaf = x.contiguous().detach().requiresGrad(true);
            Tensor z = GradientSupport.run(model, leaf).get(name);
            float[] seed = new float[z.numel()];
            System.arraycopy(g, offset, seed, 0, seed.length);
            Tensor dx = Gradients.grad(z, Tensor.of(seed, z.shape()), leaf)[0];
            return Tensor.of(dx.contiguous().toArray(), dx.shape());
        }
    }
}
