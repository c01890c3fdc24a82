package org.xai4j.explain.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Weighted (ridge) least squares in double precision:
 * β = argmin Σ_k w_k (y_k − β0 − X_k·β)² + α‖β‖², β0 unpenalized (and fixed at 0 without intercept).
 * With an intercept the columns and y are first centred on their weighted means, as scikit-learn's
 * {@code Ridge(sample_weight=w)}; then, with A = √W (X − mean) and b = √W (y − mean), the path is chosen
 * by shape and conditioning ({@link Solver}):
 * <ul>
 *   <li>n ≥ p, or no ridge: the normal equations (AᵀA + αI) β = Aᵀb, formed by {@link SymmetricUpdate}
 *       and solved by {@link Cholesky}: what SHAP's KernelExplainer solves ({@code np.linalg.solve}),
 *       O(n p² / 2 + p³ / 3);</li>
 *   <li>n &lt; p with a ridge (LIME on an image: far fewer samples than features): the dual form
 *       β = Aᵀ (AAᵀ + αI)⁻¹ b, the same solution in O(n² p);</li>
 *   <li>when the Cholesky factorization finds the system not positive definite or numerically rank
 *       deficient: the SVD of [A; √α I], the minimum-norm solution, as {@code np.linalg.lstsq} (SHAP's
 *       fallback), without squaring the condition number.</li>
 * </ul>
 * The path taken is in {@link Fit#solver()} and logged at DEBUG level ({@code xai --debug}).
 */
public final class WeightedLeastSquares {
    private static final System.Logger LOG = System.getLogger(WeightedLeastSquares.class.getName());

    private WeightedLeastSquares() {}

    /** How a fit was solved. */
    public enum Solver {
        /** the normal equations by Cholesky */
        CHOLESKY,
        /** the dual (kernel) form by Cholesky, for fewer samples than features with a ridge */
        DUAL,
        /** the SVD: the minimum-norm solution, for rank-deficient or ill-conditioned systems */
        SVD
    }

    /**
     * A fitted linear model.
     *
     * @param coefficients β, one per column of X
     * @param intercept    β0 (0 without intercept)
     * @param r2           weighted coefficient of determination 1 − Σw(y−ŷ)² / Σw(y−ȳ_w)², as
     *                     scikit-learn's {@code score(X, y, sample_weight)} (1 when y is constant and fitted exactly)
     * @param solver       the path that solved it
     */
    public record Fit(double[] coefficients, double intercept, double r2, Solver solver) {}

    /**
     * @param x         the design matrix, n rows of p values, row-major; not modified
     * @param y         n targets; not modified
     * @param w         n non-negative weights; not modified
     * @param ridge     α ≥ 0
     * @param intercept whether to fit an unpenalized β0
     */
    public static Fit fit(double[] x, int n, int p, double[] y, double[] w, double ridge, boolean intercept) {
        return fit(x, n, p, y, w, ridge, intercept, false);
    }

    /** {@link #fit} by the SVD whatever the shape: the reference the faster paths are tested against. */
    public static Fit fitBySvd(double[] x, int n, int p, double[] y, double[] w, double ridge, boolean intercept) {
        return fit(x, n, p, y, w, ridge, intercept, true);
    }

    private static Fit fit(double[] x, int n, int p, double[] y, double[] w, double ridge, boolean intercept, boolean svdOnly) {
        if (x.length != (long) n * p || y.length != n || w.length != n) {
            throw new IllegalArgumentException("least squares: X has " + x.length + " values for " + n + "x" + p
                    + ", y " + y.length + ", weights " + w.length);
        }
        if (!(ridge >= 0)) throw new IllegalArgumentException("ridge penalty must be >= 0, got " + ridge);
        double[] meanX = new double[p];
        double meanY = 0;
        if (intercept) {
            double total = 0;
            for (int k = 0; k < n; k++) {
                total += w[k];
                meanY += w[k] * y[k];
                for (int j = 0; j < p; j++) meanX[j] += w[k] * x[k * p + j];
            }
            if (total <= 0) throw new IllegalArgumentException("least squares: the weights sum to " + total);
            meanY /= total;
            for (int j = 0; j < p; j++) meanX[j] /= total;
        }
        // A = √W (X − mean), b = √W (y − mean)
        double[] a = new double[n * p];
        double[] b = new double[n];
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(w[k]);
            for (int j = 0; j < p; j++) a[k * p + j] = s * (x[k * p + j] - meanX[j]);
            b[k] = s * (y[k] - meanY);
        }
        long start = System.nanoTime();
        Solver solver;
        double[] beta = null;
        if (svdOnly) {
            solver = Solver.SVD;
        } else if (n < p && ridge > 0) {
            solver = Solver.DUAL;
            beta = dual(a, n, p, b, ridge);
        } else {
            solver = Solver.CHOLESKY;
            beta = normalEquations(a, n, p, b, ridge);
        }
        if (beta == null) {
            solver = Solver.SVD;
            beta = svd(a, n, p, b, ridge);
        }
        if (!finite(beta)) throw new IllegalStateException("least squares: the solution is not finite (inputs contain NaN or infinity?)");
        final Solver used = solver;
        LOG.log(System.Logger.Level.DEBUG, () -> String.format(java.util.Locale.ROOT,
                "least squares %d x %d (ridge %g) solved by %s in %.3f s", n, p, ridge, used,
                (System.nanoTime() - start) / 1e9));
        double b0 = meanY;
        for (int j = 0; j < p; j++) b0 -= beta[j] * meanX[j];
        if (!intercept) b0 = 0;
        return new Fit(beta, b0, r2(x, n, p, y, w, beta, b0), solver);
    }

    /** (AᵀA + αI) β = Aᵀb by Cholesky; null when that system is not (numerically) positive definite. */
    private static double[] normalEquations(double[] a, int n, int p, double[] b, double ridge) {
        double[] g = new double[p * p];
        for (int k0 = 0; k0 < n; k0 += SymmetricUpdate.BLOCK) {
            SymmetricUpdate.update(g, p, 0, 0, a, k0 * p, p, Math.min(SymmetricUpdate.BLOCK, n - k0), 1.0);
        }
        for (int j = 0; j < p; j++) g[j * p + j] += ridge;
        double[] rhs = new double[p];
        for (int k = 0; k < n; k++) {
            double bk = b[k];
            for (int j = 0; j < p; j++) rhs[j] += a[k * p + j] * bk;
        }
        return solveNormalEquations(g, p, rhs);
    }

    /**
     * Solves G β = r for a symmetric positive definite G given by its lower triangle (p x p, row-major)
     * by Cholesky; null when G is not positive definite or numerically rank deficient, for the caller
     * to fall back to {@link #fitBySvd}. G is overwritten.
     */
    public static double[] solveNormalEquations(double[] gram, int p, double[] rhs) {
        if (!Cholesky.factor(gram, p)) return null;
        return Cholesky.solve(gram, p, rhs);
    }

    /** β = Aᵀ (AAᵀ + αI)⁻¹ b (the ridge solution when n &lt; p); null if that system fails to factor. */
    private static double[] dual(double[] a, int n, int p, double[] b, double ridge) {
        double[] at = new double[p * n];                 // Aᵀ: the rows that SymmetricUpdate takes
        for (int k = 0; k < n; k++) for (int j = 0; j < p; j++) at[j * n + k] = a[k * p + j];
        double[] kernel = new double[n * n];
        for (int j0 = 0; j0 < p; j0 += SymmetricUpdate.BLOCK) {
            SymmetricUpdate.update(kernel, n, 0, 0, at, j0 * n, n, Math.min(SymmetricUpdate.BLOCK, p - j0), 1.0);
        }
        for (int k = 0; k < n; k++) kernel[k * n + k] += ridge;
        double[] c = solveNormalEquations(kernel, n, b);
        if (c == null) return null;
        double[] beta = new double[p];
        for (int k = 0; k < n; k++) {
            double ck = c[k];
            for (int j = 0; j < p; j++) beta[j] += a[k * p + j] * ck;
        }
        return beta;
    }

    /** Minimum-norm solution of [A; √α I] β ≈ [b; 0] by EJML's SVD. */
    private static double[] svd(double[] a, int n, int p, double[] b, double ridge) {
        DMatrixRMaj am = DMatrixRMaj.wrap(n, p, a);
        DMatrixRMaj bm = DMatrixRMaj.wrap(n, 1, b);
        return solve(am, bm, ridge).data;
    }

    /** Minimum-norm solution of [a; √α I] β ≈ [b; 0] by SVD (numpy's lstsq, or the ridge normal equations when α > 0). */
    private static DMatrixRMaj solve(DMatrixRMaj a, DMatrixRMaj b, double ridge) {
        int p = a.numCols;
        DMatrixRMaj aug = a, bAug = b;
        if (ridge > 0) {
            aug = new DMatrixRMaj(a.numRows + p, p);
            CommonOps_DDRM.insert(a, aug, 0, 0);
            for (int j = 0; j < p; j++) aug.set(a.numRows + j, j, Math.sqrt(ridge));
            bAug = new DMatrixRMaj(a.numRows + p, 1);
            CommonOps_DDRM.insert(b, bAug, 0, 0);
        }
        DMatrixRMaj beta = new DMatrixRMaj(p, 1);
        LinearSolverDense<DMatrixRMaj> svd = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!svd.setA(aug)) throw new IllegalStateException("least squares: the SVD did not converge");
        svd.solve(bAug, beta);
        return beta;
    }

    private static boolean finite(double[] v) {
        for (double d : v) if (!Double.isFinite(d)) return false;
        return true;
    }

    private static double r2(double[] x, int n, int p, double[] y, double[] w, double[] beta, double b0) {
        double total = 0, mean = 0;
        for (int k = 0; k < n; k++) {
            total += w[k];
            mean += w[k] * y[k];
        }
        mean /= total;
        double residual = 0, spread = 0;
        for (int k = 0; k < n; k++) {
            double fit = b0;
            for (int j = 0; j < p; j++) fit += beta[j] * x[k * p + j];
            residual += w[k] * (y[k] - fit) * (y[k] - fit);
            spread += w[k] * (y[k] - mean) * (y[k] - mean);
        }
        if (spread == 0) return residual == 0 ? 1.0 : 0.0;
        return 1 - residual / spread;
    }
}
