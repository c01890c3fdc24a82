package org.xai4j.explain.perturbation;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Feature ablation: attr(e) = f(x) − f(x with the group of e set to the baseline), one group at a time
 * (every element its own group without a mask). As Captum 0.7 {@code FeatureAblation.attribute(x,
 * baselines, feature_mask)}: each element of a group gets the group's whole output drop.
 */
public final class FeatureAblation implements AttributionMethod {
    private final FeatureAblationOptions options;

    public FeatureAblation(FeatureAblationOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "feature-ablation";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        int[] rowShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        BatchedForward forward = new BatchedForward(model, rowShape, options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        FeatureGroups groups = FeatureGroups.of(options.featureMask(), shape);
        float[] baseline = options.baseline().resolve(shape);
        int d = x.rowSize();
        long[] offsets = groups.offsets();
        float[] attr = new float[x.values().length];
        forward.scores(offsets[x.rows()],
                (p, dest, off) -> {
                    int r = FeatureGroups.rowOf(offsets, p);
                    x.copyRow(r, dest, off);
                    groups.copyGroup(r, (int) (p - offsets[r]), baseline, r * d, dest, off);
                },
                p -> x.targets()[FeatureGroups.rowOf(offsets, p)],
                (p, score) -> {
                    int r = FeatureGroups.rowOf(offsets, p);
                    int g = (int) (p - offsets[r]);
                    float drop = (float) (x.score(r) - score);
                    for (int i = 0, n = groups.size(r, g); i < n; i++) attr[r * d + groups.member(r, g, i)] = drop;
                });
        return Tensor.of(attr, shape);
    }
}
