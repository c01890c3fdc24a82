package org.xai4j.explain.shapley;

import java.util.Arrays;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.Baseline;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.perturbation.FeatureGroups;
import org.xai4j.explain.perturbation.Originals;

/**
 * KernelSHAP (Lundberg and Lee, "A Unified Approach to Interpreting Model Predictions", NeurIPS 2017):
 * φ = argmin Σ_S π(S) [v(S) − v(∅) − Σ_{i∈S} φ_i]² subject to Σφ = v(all) − v(∅), with the Shapley
 * kernel π(S) = (M−1) / (C(M,|S|) |S| (M−|S|)) and v(S) = mean over the background rows b of f(x on S, b elsewhere).
 *
 * <p>As SHAP's {@code KernelExplainer} with {@code l1_reg=False}: only players (groups) whose values
 * differ from some background row ({@code np.isclose}) take part, M of them; M = 0 gives zeros and
 * M = 1 gives that player f(x) − E f(background); coalitions and weights from {@link KernelShapSampler};
 * the efficiency constraint is enforced exactly by eliminating the last varying player
 * ({@code KernelExplainer.solve}), and the weighted least squares is solved by {@link KernelShapFit}. Each element gets its group's value. Row r samples from Philox stream r.
 */
public final class KernelShap implements AttributionMethod {
    private final KernelShapOptions options;

    public KernelShap(KernelShapOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "kernel-shap";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        int[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        BatchedForward forward = new BatchedForward(model, rowShape, options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        FeatureGroups groups = FeatureGroups.of(options.featureMask(), shape);
        References references = References.of(options, shape, forward);
        int d = x.rowSize();
        float[] attr = new float[x.values().length];
        for (int r = 0; r < x.rows(); r++) {
            double[] phi = explainRow(forward, x, groups, references, r);
            for (int e = 0; e < d; e++) attr[r * d + e] = (float) phi[groups.groupOf(r)[e]];
        }
        return Tensor.of(attr, shape);
    }

    /** The SHAP values of the groups of row r. */
    private double[] explainRow(BatchedForward forward, Originals x, FeatureGroups groups, References refs, int r) {
        int d = x.rowSize(), target = x.targets()[r];
        int[] varying = refs.varyingGroups(x.values(), r, groups);
        int m = varying.length;
        double fx = x.score(r), fnull = refs.expectedScore(r, target);
        double[] phi = new double[groups.count(r)];
        if (m == 0) return phi;
        if (m == 1) {
            phi[varying[0]] = fx - fnull;
            return phi;
        }
        KernelShapSampler.Plan plan = KernelShapSampler.plan(m, KernelShapSampler.sampleCount(m, options.samples()),
                new RandomStream(options.seed(), r));
        int k = plan.masks().size(), b = refs.count(r);
        // v(S_j) = mean over the background of f(x on S_j, background row elsewhere)
        double[] ey = new double[k];
        forward.scores((long) k * b,
                (p, dest, off) -> {
                    int j = (int) (p / b);
                    refs.copyRow(r, (int) (p % b), dest, off);
                    boolean[] mask = plan.masks().get(j);
                    for (int i = 0; i < m; i++) if (mask[i]) groups.copyGroup(r, varying[i], x.values(), r * d, dest, off);
                },
                p -> target,
                (p, score) -> ey[(int) (p / b)] += score / b);

        // Eliminate the last varying player with Σφ = f(x) − fnull (KernelExplainer.solve):
        // y_j − m_j,last (fx − fnull) = Σ_{i<last} φ_i (m_j,i − m_j,last)
        double delta = fx - fnull;
        double[] y = new double[k];
        for (int j = 0; j < k; j++) y[j] = ey[j] - fnull - (plan.masks().get(j)[m - 1] ? delta : 0);
        double[] w = KernelShapFit.solve(new KernelShapFit.Design(plan.masks(), plan.weights()), y, m);
        double sum = 0;
        for (int i = 0; i < m - 1; i++) {
            phi[varying[i]] = w[i];
            sum += w[i];
        }
        phi[varying[m - 1]] = delta - sum;
        return phi;
    }

    /** The reference rows of each input row: a shared background set, or the row's own baseline. */
    private static final class References {
        private final float[] rows;      // background rows (B x d) or per-input baselines (N x d)
        private final boolean shared;
        private final int count;         // references per input row
        private final int d;
        private final float[] outputs;   // the model on each reference row
        private final int columns;

        private References(float[] rows, boolean shared, int count, int d, float[] outputs, int columns) {
            this.rows = rows;
            this.shared = shared;
            this.count = count;
            this.d = d;
            this.outputs = outputs;
            this.columns = columns;
        }

        static References of(KernelShapOptions options, int[] shape, BatchedForward forward) {
            int d = forward.rowSize();
            Tensor background = options.background();
            if (background != null) {
                int[] bs = background.shape();
                if (bs.length != shape.length || !Arrays.equals(Arrays.copyOfRange(bs, 1, bs.length), Arrays.copyOfRange(shape, 1, shape.length))) {
                    throw new IllegalArgumentException("background of shape " + Shape.str(bs) + " does not match the input rows "
                            + Shape.str(Arrays.copyOfRange(shape, 1, shape.length)) + ": expected (B, ...row shape)");
                }
                if (bs[0] == 0) throw new IllegalArgumentException("the background has no rows");
                Originals out = Originals.evaluate(forward, background, null);
                return new References(out.values(), true, bs[0], d, out.outputs(), out.columns());
            }
            Baseline baseline = options.baseline() == null ? Baseline.ZERO : options.baseline();
            float[] values = baseline.resolve(shape);
            Originals out = Originals.evaluate(forward, Tensor.of(values, shape), null);
            return new References(values, false, 1, d, out.outputs(), out.columns());
        }

        int count(int row) {
            return count;
        }

        private int index(int row, int b) {
            return shared ? b : row;
        }

        void copyRow(int row, int b, float[] dest, int offset) {
            System.arraycopy(rows, index(row, b) * d, dest, offset, d);
        }

        /** E_b f(reference b)[target] (SHAP's fnull, uniform background weights). */
        double expectedScore(int row, int target) {
            double s = 0;
            for (int b = 0; b < count; b++) s += outputs[index(row, b) * columns + target];
            return s / count;
        }

        /** Groups of row r where x differs from some reference row (SHAP's varying_groups, np.isclose). */
        int[] varyingGroups(float[] x, int row, FeatureGroups groups) {
            int g = groups.count(row);
            int[] out = new int[g];
            int n = 0;
            for (int group = 0; group < g; group++) {
                boolean varies = false;
                for (int i = 0, size = groups.size(row, group); i < size && !varies; i++) {
                    int e = groups.member(row, group, i);
                    double xe = x[row * d + e];
                    for (int b = 0; b < count && !varies; b++) {
                        double be = rows[index(row, b) * d + e];
                        boolean close = Math.abs(xe - be) <= 1e-8 + 1e-5 * Math.abs(be) || (Double.isNaN(xe) && Double.isNaN(be));
                        varies = !close;
                    }
                }
                if (varies) out[n++] = group;
            }
            return Arrays.copyOf(out, n);
        }
    }
}
