package org.xai4j.explain.gradient;

import java.util.Locale;

/**
 * How Integrated Gradients places its points α_k on [0, 1] and weighs them, with Captum 0.7's exact
 * formulas ({@code captum/attr/_utils/approximation_methods.py}): Gauss–Legendre nodes and weights
 * mapped from [-1, 1], or Riemann sums whose points come from {@code torch.linspace} (float32) and
 * whose weights are 1/n (trapezoid: 1/n with the first and last halved, so they sum to (n - 1)/n, as
 * Captum).
 */
public enum Integration {
    GAUSS_LEGENDRE("gausslegendre"),
    RIEMANN_LEFT("riemann-left"),
    RIEMANN_RIGHT("riemann-right"),
    RIEMANN_MIDDLE("riemann-middle"),
    RIEMANN_TRAPEZOID("riemann-trapezoid");

    private final String cliName;

    Integration(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line ({@code --integration}). */
    public String cliName() {
        return cliName;
    }

    /** The rule named {@code name}: a CLI name, or Captum's spelling (riemann_left, gausslegendre). */
    public static Integration parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        for (Integration i : values()) {
            if (i.cliName.equals(n)) return i;
        }
        throw new IllegalArgumentException("unknown integration '" + name
                + "'; use gausslegendre, riemann-left, riemann-right, riemann-middle or riemann-trapezoid");
    }

    /** The n points α_k in [0, 1] (ascending). */
    public double[] alphas(int n) {
        check(n);
        switch (this) {
            case GAUSS_LEGENDRE: {
                double[] x = GaussLegendre.nodes(n);
                double[] a = new double[n];
                for (int i = 0; i < n; i++) a[i] = 0.5 * (1 + x[i]);
                return a;
            }
            case RIEMANN_LEFT: return linspace(0, 1 - 1.0 / n, n);
            case RIEMANN_RIGHT: return linspace(1.0 / n, 1, n);
            case RIEMANN_MIDDLE: return linspace(1.0 / (2 * n), 1 - 1.0 / (2 * n), n);
            default: return linspace(0, 1, n);
        }
    }

    /** The n weights (Captum's "step sizes") matching {@link #alphas}. */
    public double[] weights(int n) {
        check(n);
        double[] w = new double[n];
        if (this == GAUSS_LEGENDRE) {
            double[] gw = GaussLegendre.weights(n);
            for (int i = 0; i < n; i++) w[i] = 0.5 * gw[i];
            return w;
        }
        java.util.Arrays.fill(w, 1.0 / n);
        if (this == RIEMANN_TRAPEZOID) {
            w[0] /= 2;
            w[n - 1] /= 2;
        }
        return w;
    }

    private void check(int n) {
        // Captum asserts n > 1 for the Riemann rules; Gauss-Legendre works from one node.
        if (n < (this == GAUSS_LEGENDRE ? 1 : 2)) {
            throw new IllegalArgumentException(cliName + " needs at least " + (this == GAUSS_LEGENDRE ? 1 : 2) + " steps, got " + n);
        }
    }

    /** torch.linspace(start, end, n) in float32: the first half counts up from start, the rest down from end. */
    private static double[] linspace(double start, double end, int n) {
        float s = (float) start, e = (float) end;
        float step = (e - s) / (n - 1);
        double[] a = new double[n];
        int half = n / 2;
        for (int i = 0; i < n; i++) a[i] = i < half ? s + i * step : e - (n - 1 - i) * step;
        return a;
    }
}
