package org.xai4j.explain.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Weighted (ridge) least squares in double precision with EJML:
 * β = argmin Σ_k w_k (y_k − β0 − X_k·β)² + α‖β‖², β0 unpenalized (and fixed at 0 without intercept).
 *
 * <p>Solved as the least-squares problem [√W X; √α I] β ≈ [√W y; 0] by SVD, giving the minimum-norm
 * solution when X is rank deficient. That is the solution of the normal equations (XᵀWX + αI) β = XᵀWy
 * which SHAP's KernelExplainer solves ({@code np.linalg.solve}) whenever they are non-singular, and what
 * SHAP's fallback {@code np.linalg.lstsq} gives when they are, without squaring the condition number.
 * With an intercept the columns and y are first centred on their weighted means, as scikit-learn's
 * {@code Ridge(sample_weight=w)}.
 */
public final class WeightedLeastSquares {
    private WeightedLeastSquares() {}

    /**
     * A fitted linear model.
     *
     * @param coefficients β, one per column of X
     * @param intercept    β0 (0 without intercept)
     * @param r2           weighted coefficient of determination 1 − Σw(y−ŷ)² / Σw(y−ȳ_w)², as
     *                     scikit-learn's {@code score(X, y, sample_weight)} (1 when y is constant and fitted exactly)
     */
    public record Fit(double[] coefficients, double intercept, double r2) {}

    /**
     * @param x         the design matrix, n rows of p values, row-major; not modified
     * @param y         n targets; not modified
     * @param w         n non-negative weights; not modified
     * @param ridge     α ≥ 0
     * @param intercept whether to fit an unpenalized β0
     */
    public static Fit fit(double[] x, int n, int p, double[] y, double[] w, double ridge, boolean intercept) {
        if (x.length != n * p || y.length != n || w.length != n) {
            throw new IllegalArgumentException("least squares: X has " + x.length + " values for " + n + "x" + p
                    + ", y " + y.length + ", weights " + w.length);
        }
        if (ridge < 0) throw new IllegalArgumentException("ridge penalty must be >= 0, got " + ridge);
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
        // √W (X − mean) and √W (y − mean)
        DMatrixRMaj a = new DMatrixRMaj(n, p);
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(w[k]);
            for (int j = 0; j < p; j++) a.data[k * p + j] = s * (x[k * p + j] - meanX[j]);
            b.data[k] = s * (y[k] - meanY);
        }
        DMatrixRMaj beta = solve(a, b, ridge);
        double b0 = meanY;
        for (int j = 0; j < p; j++) b0 -= beta.data[j] * meanX[j];
        if (!intercept) b0 = 0;
        return new Fit(beta.data.clone(), b0, r2(x, n, p, y, w, beta.data, b0));
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
        if (!finite(beta.data)) throw new IllegalStateException("least squares: the solution is not finite (inputs contain NaN or infinity?)");
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
