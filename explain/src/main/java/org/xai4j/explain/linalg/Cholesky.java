package org.xai4j.explain.linalg;

/**
 * Cholesky factorization G = L Lᵀ of a symmetric positive definite matrix, in place and blocked
 * (right-looking, LAPACK's DPOTRF order): factor a diagonal block, solve the panel below it, update the
 * trailing matrix by {@link SymmetricUpdate}, so nearly all of the p³/3 multiply-adds run in that
 * vectorized kernel. Float64 throughout.
 */
final class Cholesky {
    /**
     * Below this pivot ratio, min(L_jj²) / max(G_jj), the system is treated as rank deficient (its
     * condition number is then beyond about 1e12, where the normal equations lose the digits an SVD keeps).
     */
    static final double MIN_PIVOT_RATIO = 1e-12;

    private Cholesky() {}

    /**
     * Overwrites the lower triangle of g (p x p, row-major) with L; the upper triangle is not read.
     *
     * @param g Modified: on success its lower triangle holds L
     * @return false when g is not positive definite or is numerically rank deficient ({@link #MIN_PIVOT_RATIO})
     */
    static boolean factor(double[] g, int p) {
        double maxDiagonal = 0;
        for (int i = 0; i < p; i++) maxDiagonal = Math.max(maxDiagonal, g[i * p + i]);
        if (!(maxDiagonal > 0) || !Double.isFinite(maxDiagonal)) return false;
        double minPivot = MIN_PIVOT_RATIO * maxDiagonal;
        int nb = SymmetricUpdate.BLOCK;
        double[] panel = new double[nb * p];
        for (int k0 = 0; k0 < p; k0 += nb) {
            int k1 = Math.min(p, k0 + nb), w = k1 - k0;
            // 1. the diagonal block, unblocked (its trailing part is already updated)
            for (int j = k0; j < k1; j++) {
                double d = g[j * p + j];
                for (int t = k0; t < j; t++) d -= g[j * p + t] * g[j * p + t];
                if (!(d > minPivot)) return false;   // also false for NaN
                double ljj = Math.sqrt(d);
                g[j * p + j] = ljj;
                for (int i = j + 1; i < k1; i++) {
                    double s = g[i * p + j];
                    for (int t = k0; t < j; t++) s -= g[i * p + t] * g[j * p + t];
                    g[i * p + j] = s / ljj;
                }
            }
            if (k1 == p) break;
            // 2. the panel below, L21 = A21 L11⁻ᵀ, solved transposed (panel[t][i] = L[i][k0 + t]) so that each
            //    step is an axpy over contiguous rows i: C2 vectorizes it, where the row-by-row dot products
            //    it cannot reorder took most of the factorization's time once the update was fast. Each
            //    element sees the same subtractions in the same order as the row-by-row form.
            for (int t = 0; t < w; t++) {
                int pt = t * p;
                for (int i = k1; i < p; i++) panel[pt + i] = g[i * p + k0 + t];
            }
            for (int j = 0; j < w; j++) {
                int pj = j * p, lj = (k0 + j) * p + k0;
                for (int t = 0; t < j; t++) axpy(-g[lj + t], panel, t * p + k1, panel, pj + k1, p - k1);
                double ljj = g[lj + j];
                for (int i = k1; i < p; i++) panel[pj + i] = panel[pj + i] / ljj;
            }
            for (int t = 0; t < w; t++) {
                int pt = t * p;
                for (int i = k1; i < p; i++) g[i * p + k0 + t] = panel[pt + i];
            }
            // 3. the trailing matrix: A22 -= L21 L21ᵀ
            SymmetricUpdate.update(g, p, k1, k1, panel, 0, p, w, -1.0);
        }
        return true;
    }

    /** y[yo..yo+n) += a · x[xo..xo+n), each y[i] + (a · x[i]) rounded twice: the loop C2 vectorizes. */
    private static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] = y[yo + i] + a * x[xo + i];
    }

    /** Solves L Lᵀ x = b with the factor of {@link #factor}; b is not modified. */
    static double[] solve(double[] l, int p, double[] b) {
        double[] x = b.clone();
        for (int i = 0; i < p; i++) {                // L z = b
            double s = x[i];
            for (int t = 0; t < i; t++) s -= l[i * p + t] * x[t];
            x[i] = s / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {           // Lᵀ x = z
            double s = x[i];
            for (int t = i + 1; t < p; t++) s -= l[t * p + i] * x[t];
            x[i] = s / l[i * p + i];
        }
        return x;
    }
}
