package org.xai4j.explain.optimize;

import java.util.List;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;

/**
 * Activation maximization (Simonyan, Vedaldi and Zisserman 2013, "class model visualisation"): gradient
 * ascent on the input for arg max_x S(x) − λ‖x‖², with S the unnormalized target output (their choice:
 * the softmax would be raised by lowering the other classes). Each step x ← clip(x + lr (∇S(x) − 2λx)),
 * clipped to the box [min, max] when one is given.
 */
public final class ActivationMaximization {
    private ActivationMaximization() {}

    /**
     * @param input  one row, shape (1, ...) (not modified): the start
     * @param trace  filled with S(x) before each step and after the last (steps + 1 values); may be null
     * @return the final input, same shape
     */
    public static Tensor run(Model model, Tensor input, int target, float lr, int steps, float l2, float min, float max,
                             double[] trace) {
        if (input.dim() == 0 || input.size(0) != 1) throw new IllegalArgumentException("activation maximization takes one row (1, ...), got " + Shape.str(input.shape()));
        if (!(lr > 0)) throw new IllegalArgumentException("the learning rate must be > 0, got " + lr);
        if (!(l2 >= 0)) throw new IllegalArgumentException("the L2 weight must be >= 0, got " + l2);
        if (!(min <= max)) throw new IllegalArgumentException("the box [" + min + ", " + max + "] is empty");
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        float[] x = input.contiguous().toArray();
        for (int i = 0; i < x.length; i++) x[i] = Math.min(max, Math.max(min, x[i]));
        int[] shape = input.shape();
        for (int s = 0; s <= steps; s++) {
            float[] g;
            double score;
            try (TensorMemory.Scope memory = TensorMemory.recycling(); GradMode.Scope ignored = GradMode.enableGrad()) {
                Tensor leaf = Tensor.of(x.clone(), shape).requiresGrad(true);
                Tensor out = model.run(List.of(leaf), RunOptions.INFERENCE).output(0);
                if (target >= out.numel()) throw new IllegalArgumentException("target " + target + " is outside the model's " + out.numel() + " output value(s)");
                score = out.contiguous().toArray()[target];
                if (s == steps) {
                    if (trace != null) trace[s] = score;
                    break;
                }
                Tensor seed = Tensor.zeros(out.shape());
                seed.data()[target] = 1f;
                g = Gradients.grad(out, seed, leaf)[0].contiguous().toArray();
            }
            if (trace != null) trace[s] = score;
            for (int i = 0; i < x.length; i++) {
                float v = x[i] + lr * (g[i] - 2 * l2 * x[i]);
                x[i] = Math.min(max, Math.max(min, v));
            }
        }
        return Tensor.of(x, shape);
    }
}
