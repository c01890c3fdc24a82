package org.xai4j.engine.autodiff;

import org.xai4j.engine.tensor.Tensor;

import java.util.Random;
import java.util.function.Function;

/**
 * The random-direction dot-product gradient check (JAX {@code check_vjp}): for random directions t_i
 * and a random cotangent c, compare sum_i <t_i, vjp_i(c)> with <c, J t>, where J t is a central
 * difference (f(x + eps t) - f(x - eps t)) / 2 eps, Richardson-extrapolated over eps and eps/2 so its
 * truncation error is O(eps^4). The tensors are float32; every dot product and difference is
 * accumulated in float64.
 */
public final class GradCheck {
    private GradCheck() {}

    /**
     * The two sides of the check; {@code magnitude} is sum |t_i * vjp_i(c)| elementwise, the size of
     * the terms whose cancellation can make the dot product itself small.
     */
    public record Result(double analytic, double numeric, double magnitude) {
        /** |analytic - numeric| relative to the larger of |analytic| and the terms' magnitude. */
        public double relativeError() {
            double scale = Math.max(Math.abs(analytic), magnitude);
            return scale == 0 ? Math.abs(numeric) : Math.abs(analytic - numeric) / scale;
        }
    }

    /**
     * Checks f at the given inputs. Inputs are not modified; f must be deterministic.
     *
     * @param eps step along the random direction (relative to unit-variance inputs)
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor[] inputs, long seed, double eps) {
        Random rnd = new Random(seed);
        Tensor[] leaves = new Tensor[inputs.length];
        Tensor[] dirs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = Tensor.of(inputs[i].toArray(), inputs[i].shape()).requiresGrad(true);
            dirs[i] = gaussian(inputs[i].shape(), rnd);
        }
        Tensor out = f.apply(leaves);
        Tensor cot = gaussian(out.shape(), rnd);
        Tensor[] g = Gradients.grad(out, cot, leaves);
        double analytic = 0, magnitude = 0;
        for (int i = 0; i < inputs.length; i++) {
            analytic += dot(dirs[i], g[i]);
            float[] a = dirs[i].toArray(), b = g[i].toArray();
            for (int k = 0; k < a.length; k++) magnitude += Math.abs((double) a[k] * b[k]);
        }

        double d1 = directional(f, inputs, dirs, cot, eps);
        double d2 = directional(f, inputs, dirs, cot, eps / 2);
        double numeric = (4 * d2 - d1) / 3;
        return new Result(analytic, numeric, magnitude);
    }

    private static double directional(Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] t, Tensor c, double eps) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            double plus = dot(c, f.apply(shift(x, t, eps)));
            double minus = dot(c, f.apply(shift(x, t, -eps)));
            return (plus - minus) / (2 * eps);
        }
    }

    private static Tensor[] shift(Tensor[] x, Tensor[] t, double eps) {
        Tensor[] res = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            float[] a = x[i].toArray(), d = t[i].toArray();
            for (int k = 0; k < a.length; k++) a[k] = (float) (a[k] + eps * d[k]);
            res[i] = Tensor.of(a, x[i].shape());
        }
        return res;
    }

    static Tensor gaussian(int[] shape, Random rnd) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) rnd.nextGaussian();
        return t;
    }

    /** Sum of products in float64. */
    public static double dot(Tensor a, Tensor b) {
        float[] x = a.toArray(), y = b.toArray();
        if (x.length != y.length) throw new IllegalArgumentException("dot: " + x.length + " vs " + y.length + " values");
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (double) x[i] * y[i];
        return s;
    }
}
