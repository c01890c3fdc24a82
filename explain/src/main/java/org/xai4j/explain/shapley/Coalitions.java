package org.xai4j.explain.shapley;

import org.xai4j.explain.perturbation.FeatureGroups;
import org.xai4j.explain.perturbation.Originals;

/**
 * Input rows for coalitions of feature groups: the groups in the coalition take the input's values,
 * the others the baseline's (Captum's ShapleyValues and KernelShap, SHAP's masking by a reference).
 */
final class Coalitions {
    private final Originals x;
    private final FeatureGroups groups;
    private final float[] baseline;
    private final int d;

    /** @param baseline the baseline of every input element, row-major like x's values; not modified */
    Coalitions(Originals x, FeatureGroups groups, float[] baseline) {
        this.x = x;
        this.groups = groups;
        this.baseline = baseline;
        this.d = x.rowSize();
    }

    /** The row with the groups of the bitmask {@code subset} from x and the rest from the baseline. */
    void fillSubset(int row, long subset, float[] dest, int offset) {
        System.arraycopy(baseline, row * d, dest, offset, d);
        for (int g = 0; subset != 0; g++, subset >>>= 1) {
            if ((subset & 1) != 0) groups.copyGroup(row, g, x.values(), row * d, dest, offset);
        }
    }

    /** The row with the first {@code prefix} groups of {@code order} from x and the rest from the baseline. */
    void fillPrefix(int row, int[] order, int prefix, float[] dest, int offset) {
        System.arraycopy(baseline, row * d, dest, offset, d);
        for (int k = 0; k < prefix; k++) groups.copyGroup(row, order[k], x.values(), row * d, dest, offset);
    }
}
