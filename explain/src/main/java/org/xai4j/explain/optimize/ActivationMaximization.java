package org.xai4j.explain.optimize;

import java.util.List;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;

/**
 * Activation maximization (Simonyan, Vedaldi and Zisserman 2013, "class model visualisation"): gradient
 * ascent on the input for arg max_x S(x) − λ‖x‖², with S the unnormalized target output (their choice:
 * the softmax would be raised by lowering the other classes). Each step x ← clip(x + lr (∇S(x) − 2λx)),
 * clipped to the box [min, max] when one is given; optionally with jitter and blur (see
 * {@link ActivationMaximizationOptions}).
 */
public final class ActivationMaximization {
    private ActivationMaximization() {}

    /**
     * @param input one row, shape (1, ...) (not modified): the start
     * @param trace filled with S(x) before each step and after the last (steps + 1 values); may be null
     * @return the final input, same shape
     */
    public static Tensor run(Model model, Tensor input, ActivationMaximizationOptions o, double[] trace) {
        if (input.dim() == 0 || input.size(0) != 1) throw new IllegalArgumentException("activation maximization takes one row (1, ...), got " + Shape.str(input.shape()));
        int[] shape = input.shape();
        if ((o.jitter() > 0 || o.blurEvery() > 0) && shape.length < 2) {
            throw new IllegalArgumentException("jitter and blur need an input with at least one axis after the batch, got " + Shape.str(shape));
        }
        float[] x = input.contiguous().toArray();
        for (int i = 0; i < x.length; i++) x[i] = Math.min(o.max(), Math.max(o.min(), x[i]));
        RandomStream shifts = new RandomStream(o.seed(), 0);
        for (int s = 0; s <= o.steps(); s++) {
            boolean last = s == o.steps();
            int dy = 0, dx = 0;
            if (!last && o.jitter() > 0) {
                dx = shifts.nextInt(2 * o.jitter() + 1) - o.jitter();
                dy = shape.length >= 4 ? shifts.nextInt(2 * o.jitter() + 1) - o.jitter() : 0;
            }
            float[] g;
            double score;
            try (TensorMemory.Scope memory = TensorMemory.recycling(); GradMode.Scope ignored = GradMode.enableGrad()) {
                Tensor leaf = Tensor.of(roll(x, shape, dy, dx), shape).requiresGrad(true);
                Tensor out = model.run(List.of(leaf), RunOptions.INFERENCE).output(0);
                if (o.target() >= out.numel()) {
                    throw new IllegalArgumentException("target " + o.target() + " is outside the model's " + out.numel() + " output value(s)");
                }
                score = out.contiguous().toArray()[o.target()];
                if (last) {
                    if (trace != null) trace[s] = score;
                    break;
                }
                Tensor seed = Tensor.zeros(out.shape());
                seed.data()[o.target()] = 1f;
                g = roll(Gradients.grad(out, seed, leaf)[0].contiguous().toArray(), shape, -dy, -dx);
            }
            if (trace != null) trace[s] = score;
            for (int i = 0; i < x.length; i++) {
                float v = x[i] + o.lr() * (g[i] - 2 * o.l2() * x[i]);
                x[i] = Math.min(o.max(), Math.max(o.min(), v));
            }
            if (o.blurEvery() > 0 && (s + 1) % o.blurEvery() == 0) blur(x, shape);
        }
        return Tensor.of(x, shape);
    }

    /** The values rolled (cyclically) by dy along the second-to-last axis (rank ≥ 4) and dx along the last. */
    static float[] roll(float[] v, int[] shape, int dy, int dx) {
        if (dy == 0 && dx == 0) return v.clone();
        int w = shape[shape.length - 1], h = shape.length >= 4 ? shape[shape.length - 2] : 1, plane = w * h;
        float[] out = new float[v.length];
        for (int base = 0; base < v.length; base += plane) {
            for (int y = 0; y < h; y++) {
                int ty = Math.floorMod(y + dy, h);
                for (int c = 0; c < w; c++) out[base + ty * w + Math.floorMod(c + dx, w)] = v[base + y * w + c];
            }
        }
        return out;
    }

    /**
     * Smooths with [1, 2, 1]/4 along the last axis and (rank ≥ 4) the second-to-last, edges replicated.
     *
     * @param v Modified.
     */
    static void blur(float[] v, int[] shape) {
        int w = shape[shape.length - 1], h = shape.length >= 4 ? shape[shape.length - 2] : 1, plane = w * h;
        float[] t = new float[Math.max(w, h)];
        for (int base = 0; base < v.length; base += plane) {
            for (int y = 0; y < h; y++) {
                int r = base + y * w;
                for (int c = 0; c < w; c++) t[c] = 0.25f * v[r + Math.max(0, c - 1)] + 0.5f * v[r + c] + 0.25f * v[r + Math.min(w - 1, c + 1)];
                System.arraycopy(t, 0, v, r, w);
            }
            if (h == 1) continue;
            for (int c = 0; c < w; c++) {
                for (int y = 0; y < h; y++) {
                    t[y] = 0.25f * v[base + Math.max(0, y - 1) * w + c] + 0.5f * v[base + y * w + c] + 0.25f * v[base + Math.min(h - 1, y + 1) * w + c];
                }
                for (int y = 0; y < h; y++) v[base + y * w + c] = t[y];
            }
        }
    }
}
