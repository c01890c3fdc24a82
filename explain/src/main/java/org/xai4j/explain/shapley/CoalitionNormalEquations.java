package org.xai4j.explain.shapley;

import java.util.List;
import org.xai4j.engine.backend.Parallel;

/**
 * KernelSHAP's weighted normal equations built from the coalition masks themselves, without the dense
 * k x (M − 1) design matrix: for 8,192 coalitions of 3,072 players that matrix holds 25 million values
 * and forming XᵀWX from it costs 3.9·10^10 multiply-adds (numpy: 2.9 s per row), while the masks are
 * binary and mostly tiny or nearly full (the Shapley kernel puts its weight on |S| near 1 and near M − 1).
 *
 * <p>G = ZᵀWZ and t = ZᵀWy (Z the 0/1 masks) are accumulated from each mask's smaller side: a mask S
 * adds w to G[a][b] for a, b ∈ S; a mask with more members than non-members is written as 1 − z̄ (z̄ its
 * complement) and adds w·(11ᵀ − 1z̄ᵀ − z̄1ᵀ + z̄z̄ᵀ), whose dense parts are summed once at the end. So the
 * cost is Σ min(|S|, M − |S|)². Then the efficiency constraint eliminates the last player l
 * ({@code KernelExplainer.solve}): with x_i = z_i − z_l, G'[a][b] = G[a][b] − G[a][l] − G[l][b] + G[l][l]
 * and t'[a] = t[a] − t[l].
 *
 * <p>Each G[a][b] sums its masks in their order whichever thread computes row a, so the bits do not
 * depend on the thread count.
 */
final class CoalitionNormalEquations {
    private CoalitionNormalEquations() {}

    /**
     * The eliminated system for the first M − 1 players: the lower triangle of G' ((M−1) x (M−1),
     * row-major) and t'.
     *
     * @param masks   k coalitions over M players; not modified
     * @param weights k Shapley kernel weights; not modified
     * @param y       k targets (already shifted by the eliminated player's share); not modified
     */
    static double[][] build(List<boolean[]> masks, double[] weights, double[] y, int m) {
        int k = masks.size();
        int[][] small = new int[k][];       // each mask's smaller side, ascending
        boolean[] complemented = new boolean[k];
        for (int j = 0; j < k; j++) {
            boolean[] mask = masks.get(j);
            int members = 0;
            for (boolean b : mask) if (b) members++;
            complemented[j] = members > m - members;
            int[] side = new int[complemented[j] ? m - members : members];
            int n = 0;
            for (int i = 0; i < m; i++) if (mask[i] != complemented[j]) side[n++] = i;
            small[j] = side;
        }
        double fullWeight = 0, fullTarget = 0;   // Σ w and Σ w·y over the complemented masks
        double[] outside = new double[m];        // Σ w z̄ over the complemented masks
        double[] t = new double[m];
        for (int j = 0; j < k; j++) {
            double w = weights[j], wy = w * y[j];
            if (complemented[j]) {
                fullWeight += w;
                fullTarget += wy;
                for (int a : small[j]) {
                    outside[a] += w;
                    t[a] -= wy;
                }
            } else {
                for (int a : small[j]) t[a] += wy;
            }
        }
        for (int a = 0; a < m; a++) t[a] += fullTarget;
        final double dense = fullWeight;

        double[] g = new double[m * m];
        int chunks = Math.min(m, 16 * Parallel.threads());
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                // rows [r0, r1): a chunk of equal triangle area (row a holds a + 1 values)
                int r0 = (int) Math.round(m * Math.sqrt((double) c / chunks));
                int r1 = (int) Math.round(m * Math.sqrt((double) (c + 1) / chunks));
                for (int j = 0; j < k; j++) {
                    int[] side = small[j];
                    double w = weights[j];
                    int from = lowerBound(side, r0);
                    for (int x = from; x < side.length && side[x] < r1; x++) {
                        int row = side[x] * m;
                        for (int z = 0; z <= x; z++) g[row + side[z]] += w;
                    }
                }
                for (int a = r0; a < r1; a++) {
                    for (int b = 0; b <= a; b++) g[a * m + b] += dense - outside[a] - outside[b];
                }
            }
        });

        int p = m - 1, l = m - 1;
        double[] eliminated = new double[p * p];
        double gll = g[l * m + l];
        for (int a = 0; a < p; a++) {
            double gal = g[l * m + a];
            for (int b = 0; b <= a; b++) eliminated[a * p + b] = g[a * m + b] - gal - g[l * m + b] + gll;
        }
        double[] rhs = new double[p];
        for (int a = 0; a < p; a++) rhs[a] = t[a] - t[l];
        return new double[][] {eliminated, rhs};
    }

    /** The first index of the ascending array whose value is ≥ key. */
    private static int lowerBound(int[] sorted, int key) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
