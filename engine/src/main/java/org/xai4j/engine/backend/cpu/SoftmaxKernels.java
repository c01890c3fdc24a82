package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

/**
 * Softmax and log-softmax along one axis, seen as outer x C x inner. Forward subtracts the max for
 * stability; backward uses dx = y * (g - sum(g * y)) for softmax and dx = g - exp(y) * sum(g) for
 * log-softmax (y is the forward output).
 */
final class SoftmaxKernels {
    private SoftmaxKernels() {}

    static Tensor forward(Tensor x, int axis, boolean log) {
        Tensor xc = x.contiguous();
        int[] s = xc.shape();
        int outer = 1, c = s[axis], inner = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        Tensor out = Tensor.empty(s);
        float[] in = xc.data(), o = out.data();
        int io = xc.offset();
        final int fc = c, fin = inner;
        Parallel.forRange(outer * inner, 256, (st, en) -> {
            for (int q = st; q < en; q++) {
                int ou = q / fin, ii = q % fin;
                int base = ou * fc * fin + ii;
                float mx = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < fc; k++) mx = Math.max(mx, in[io + base + k * fin]);
                double sum = 0;
                for (int k = 0; k < fc; k++) sum += Math.exp(in[io + base + k * fin] - mx);
                if (log) {
                    float lse = (float) Math.log(sum);
                    for (int k = 0; k < fc; k++) o[base + k * fin] = in[io + base + k * fin] - mx - lse;
                } else {
                    double inv = 1.0 / sum;
                    for (int k = 0; k < fc; k++) o[base + k * fin] = (float) (Math.exp(in[io + base + k * fin] - mx) * inv);
                }
            }
        });
        return out;
    }

    static Tensor backward(Tensor y, Tensor g, int axis, boolean log) {
        Tensor yc = y.contiguous(), gc = g.contiguous();
        int[] s = yc.shape();
        int outer = 1, c = s[axis], inner = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        Tensor out = Tensor.empty(s);
        float[] yd = yc.data(), gd = gc.data(), o = out.data();
        int yo = yc.offset(), go = gc.offset();
        final int fc = c, fin = inner;
        Parallel.forRange(outer * inner, 256, (st, en) -> {
            for (int q = st; q < en; q++) {
                int ou = q / fin, ii = q % fin;
                int base = ou * fc * fin + ii;
                double dot = 0;
                if (log) {
                    for (int k = 0; k < fc; k++) dot += gd[go + base + k * fin];
                    for (int k = 0; k < fc; k++) {
                        int p = base + k * fin;
                        o[p] = (float) (gd[go + p] - Math.exp(yd[yo + p]) * dot);
                    }
                } else {
                    for (int k = 0; k < fc; k++) dot += (double) gd[go + base + k * fin] * yd[yo + base + k * fin];
                    for (int k = 0; k < fc; k++) {
                        int p = base + k * fin;
                        o[p] = (float) (yd[yo + p] * (gd[go + p] - dot));
                    }
                }
            }
        });
        return out;
    }
}
