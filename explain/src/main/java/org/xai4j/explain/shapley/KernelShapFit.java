package org.xai4j.explain.shapley;

import java.util.List;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.explain.linalg.WeightedLeastSquares;

/**
 * KernelSHAP's fit on its own, for {@link KernelShap} and for benchmarks: the coalition plan of M players
 * and the weighted least squares with the efficiency constraint (the last player eliminated), solved
 * from normal equations built from the masks ({@link CoalitionNormalEquations}) by Cholesky, or by the
 * SVD of the dense design when they are rank deficient (SHAP's {@code np.linalg.lstsq} fallback).
 */
public final class KernelShapFit {
    private static final System.Logger LOG = System.getLogger(KernelShapFit.class.getName());

    private KernelShapFit() {}

    /**
     * A coalition plan.
     *
     * @param masks   the coalitions, each a membership flag per player
     * @param weights their Shapley kernel weights
     */
    public record Design(List<boolean[]> masks, double[] weights) {}

    /** The plan {@link KernelShap} draws for M players from Philox stream {@code stream} of {@code seed} (samples ≤ 0: SHAP's auto count 2M + 2048). */
    public static Design sample(int m, int samples, long seed, long stream) {
        KernelShapSampler.Plan plan = KernelShapSampler.plan(m, KernelShapSampler.sampleCount(m, samples), new RandomStream(seed, stream));
        return new Design(plan.masks(), plan.weights());
    }

    /**
     * The weighted least-squares coefficients of the first M − 1 players: argmin Σ_j w_j (y_j − Σ_i φ_i (z_ji − z_j,last))².
     *
     * @param y the coalition values already shifted by the last player's share, one per mask; not modified
     */
    public static double[] solve(Design design, double[] y, int m) {
        long start = System.nanoTime();
        double[][] system = CoalitionNormalEquations.build(design.masks(), design.weights(), y, m);
        double[] phi = WeightedLeastSquares.solveNormalEquations(system[0], m - 1, system[1]);
        boolean cholesky = phi != null;
        if (!cholesky) phi = minimumNorm(design, y, m);
        LOG.log(System.Logger.Level.DEBUG, () -> String.format(java.util.Locale.ROOT,
                "kernel-shap fit: %d players, %d coalitions, solved by %s in %.3f s", m, design.masks().size(),
                cholesky ? "Cholesky on the normal equations" : "SVD (rank deficient)", (System.nanoTime() - start) / 1e9));
        return phi;
    }

    /** The minimum-norm solution by SVD on the dense eliminated design (np.linalg.lstsq's answer). */
    static double[] minimumNorm(Design design, double[] y, int m) {
        int k = design.masks().size();
        double[] x = new double[k * (m - 1)];
        for (int j = 0; j < k; j++) {
            boolean[] mask = design.masks().get(j);
            double last = mask[m - 1] ? 1 : 0;
            for (int i = 0; i < m - 1; i++) x[j * (m - 1) + i] = (mask[i] ? 1 : 0) - last;
        }
        return WeightedLeastSquares.fitBySvd(x, k, m - 1, y, design.weights(), 0.0, false).coefficients();
    }
}
