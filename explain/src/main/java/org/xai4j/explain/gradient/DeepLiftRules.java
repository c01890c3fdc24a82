package org.xai4j.explain.gradient;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.engine.autodiff.BackwardRule;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/**
 * DeepLIFT's backward rules (Shrikumar, Greenside, Kundaje, ICML 2017), as Captum 0.7
 * {@code captum/attr/_core/deep_lift.py}. They run on a batch whose first half holds the inputs and
 * whose second half holds their baselines, row for row, and give both halves the same multipliers.
 * Installed as scoped {@link Gradients#override}s, so they apply per recorded node (Captum's module
 * hooks go wrong when a module is reused; these do not).
 */
final class DeepLiftRules {
    /** Captum's eps: where |x − x_ref| is below it, the plain gradient is used. */
    static final float EPS = 1e-10f;

    private DeepLiftRules() {}

    /**
     * Rescale rule for an elementwise nonlinearity: m = Δy/Δx = (y − y_ref)/(x − x_ref), or the plain
     * derivative where |Δx| < eps (Captum {@code nonlinear}).
     */
    static final BackwardRule RESCALE = (node, g, needs) -> {
        float[] x = node.input(0).toArray(), y = node.output().toArray(), gv = g.toArray();
        int half = half(node);
        float[] plain = node.op().vjp(node, g, needs)[0].toArray();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int a = i < half ? i : i - half;
            float dIn = x[a] - x[a + half], dOut = y[a] - y[a + half];
            out[i] = Math.abs(dIn) < EPS ? plain[i] : gv[i] * dOut / dIn;
        }
        return new Tensor[] {Tensor.of(out, node.input(0).shape())};
    };

    /**
     * Captum's max-pool rule: with m = max(y, y_ref), route g·(m − y_ref) through the input's argmax and
     * g·(y − m) through the baseline's argmax, add the two, and divide by Δx (plain gradient where
     * |Δx| < eps). Where two windows share a maximum their parts add (Captum's max_unpool keeps only one;
     * the results agree when windows do not overlap).
     */
    static final BackwardRule MAX_POOL = (node, g, needs) -> {
        Tensor xt = node.input(0), yt = node.output();
        int[] argmax = node.saved(0);
        float[] x = xt.toArray(), y = yt.toArray(), gv = g.toArray();
        int half = half(node), halfOut = y.length / 2;
        int planes = xt.size(0) * xt.size(1), hw = x.length / planes, ohw = y.length / planes, halfPlanes = planes / 2;
        float[] routed = new float[x.length];
        for (int p = 0; p < halfPlanes; p++) {
            for (int q = 0; q < ohw; q++) {
                int o = p * ohw + q, oRef = o + halfOut;
                float m = Math.max(y[o], y[oRef]);
                routed[p * hw + argmax[o]] += gv[o] * (m - y[oRef]);
                routed[(p + halfPlanes) * hw + argmax[oRef]] += gv[oRef] * (y[o] - m);
            }
        }
        float[] plain = node.op().vjp(node, g, needs)[0].toArray();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int a = i < half ? i : i - half;
            float dIn = x[a] - x[a + half];
            float sum = routed[a] + routed[a + half];
            out[i] = Math.abs(dIn) < EPS ? plain[i] : sum / dIn;
        }
        return new Tensor[] {Tensor.of(out, xt.shape())};
    };

    /** Installs the rules for ReLU, LeakyReLU, ELU, Sigmoid, Tanh and MaxPool until the scope closes. */
    static GradMode.Scope install() {
        List<GradMode.Scope> scopes = new ArrayList<>();
        for (OpType op : new OpType[] {OpType.RELU, OpType.LEAKY_RELU, OpType.ELU, OpType.SIGMOID, OpType.TANH}) {
            scopes.add(Gradients.override(op, RESCALE));
        }
        scopes.add(Gradients.override(OpType.MAX_POOL, MAX_POOL));
        return () -> {
            for (int i = scopes.size() - 1; i >= 0; i--) scopes.get(i).close();
        };
    }

    private static int half(Node node) {
        Tensor x = node.input(0);
        if (x.dim() < 1 || x.size(0) % 2 != 0) {
            throw new ShapeException("DeepLIFT rule for " + node.op().name() + ": expected inputs and baselines stacked on"
                    + " axis 0, got shape " + Shape.str(x.shape()) + " (an op that mixes batch rows is not supported)");
        }
        return x.numel() / 2;
    }
}
