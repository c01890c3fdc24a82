package org.xai4j.explain.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * Deep ensembles (Lakshminarayanan et al., NeurIPS 2017): the members' predictive distributions as an
 * equally weighted mixture. With member m's mean μ_m, epistemic e_m and aleatoric a_m (each from
 * {@link MonteCarloDropout}, so members may have dropout and variance heads or not):
 * mean μ = (1/M) Σ μ_m, aleatoric = (1/M) Σ a_m, epistemic = (1/M) Σ (e_m + (μ_m − μ)²), so that
 * epistemic + aleatoric = (1/M) Σ (σ²_m + μ_m²) − μ², the mixture's variance (their section 2.4).
 */
public final class DeepEnsemble {
    private DeepEnsemble() {}

    /**
     * Member m's dropout seed: the seed for m = 0, then seed + m · 0x9E3779B97F4A7C15 (the golden-ratio
     * increment), so that two members of the same architecture do not share their masks.
     */
    public static long memberSeed(long seed, int member) {
        return seed + member * 0x9E3779B97F4A7C15L;
    }

    /**
     * The mixture's moments.
     *
     * @param options one per member (each member's own output indices); their seeds are replaced by {@link #memberSeed}
     */
    public static PredictiveMoments estimate(List<? extends Model> members, List<Tensor> inputs, List<UncertaintyOptions> options,
                                             LongConsumer progress) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one member");
        if (options.size() != members.size()) {
            throw new IllegalArgumentException(members.size() + " members but " + options.size() + " option sets");
        }
        List<PredictiveMoments> each = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            UncertaintyOptions o = options.get(m).withSeed(memberSeed(options.get(m).seed(), m));
            PredictiveMoments p = MonteCarloDropout.estimate(members.get(m), inputs, o, progress);
            if (!each.isEmpty() && !java.util.Arrays.equals(each.get(0).shape(), p.shape())) {
                throw new IllegalArgumentException("ensemble member " + (m + 1) + " outputs shape " + Shape.str(p.shape())
                        + ", member 1 " + Shape.str(each.get(0).shape()) + "; members must agree");
            }
            each.add(p);
        }
        return mixture(each);
    }

    /** The equally weighted mixture of the members' moments (all of the same shape). */
    public static PredictiveMoments mixture(List<PredictiveMoments> members) {
        int k = members.size(), len = members.get(0).mean().length;
        double[] mean = new double[len], epistemic = new double[len], aleatoric = new double[len];
        for (PredictiveMoments p : members) {
            for (int i = 0; i < len; i++) {
                mean[i] += p.mean()[i] / k;
                aleatoric[i] += p.aleatoric()[i] / k;
            }
        }
        for (PredictiveMoments p : members) {
            for (int i = 0; i < len; i++) {
                double d = p.mean()[i] - mean[i];
                epistemic[i] += (p.epistemic()[i] + d * d) / k;
            }
        }
        return new PredictiveMoments(members.get(0).shape().clone(), mean, epistemic, aleatoric);
    }
}
