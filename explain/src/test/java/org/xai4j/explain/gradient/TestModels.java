package org.xai4j.explain.gradient;

import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Tensor;

/** Small random models for the axiom tests; weights are Philox normals, so every run sees the same model. */
final class TestModels {
    private TestModels() {}

    /** A tensor of standard normals from Philox (seed, stream). */
    static Tensor normal(long seed, long stream, int... shape) {
        Tensor t = Tensor.zeros(shape);
        PhiloxRandom.fillNormal(seed, stream, 0, t.data(), 0, t.numel());
        return t;
    }

    static Tensor scaled(Tensor t, float s) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] *= s;
        return t;
    }

    /** in → hidden → hidden → out with tanh between the layers (smooth everywhere). */
    static FunctionModel tanhMlp(int in, int hidden, int out, long seed) {
        Tensor w1 = scaled(normal(seed, 1, hidden, in), 0.7f), b1 = scaled(normal(seed, 2, hidden), 0.1f);
        Tensor w2 = scaled(normal(seed, 3, hidden, hidden), 0.3f), b2 = scaled(normal(seed, 4, hidden), 0.1f);
        Tensor w3 = scaled(normal(seed, 5, out, hidden), 0.5f), b3 = scaled(normal(seed, 6, out), 0.1f);
        return new FunctionModel((x, n) -> {
            Tensor h1 = Ops.tanh(Ops.linear(x, w1, b1));
            n.put("h1", h1);
            Tensor h2 = Ops.tanh(Ops.linear(h1, w2, b2));
            n.put("h2", h2);
            return Ops.linear(h2, w3, b3);
        });
    }

    /** conv 3x3 (pad 1) → tanh → average pool 2 → linear: smooth, for image-shaped inputs. */
    static FunctionModel smoothCnn(int channels, int filters, int out, long seed) {
        Tensor w = scaled(normal(seed, 1, filters, channels, 3, 3), 0.4f), b = scaled(normal(seed, 2, filters), 0.1f);
        return new FunctionModel((x, n) -> {
            int[] one = {1, 1};
            Tensor c = Ops.tanh(Ops.conv(x, w, b, one, one, one, one, 1));
            n.put("conv", c);
            Tensor p = Ops.avgPool(c, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 0}, false, false);
            Tensor f = Ops.flatten(p, 1);
            Tensor fc = scaled(normal(seed, 3, out, f.size(1)), 0.3f);
            return Ops.linear(f, fc, null);
        });
    }
}
