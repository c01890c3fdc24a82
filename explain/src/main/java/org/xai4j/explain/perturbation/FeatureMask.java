package org.xai4j.explain.perturbation;

import org.xai4j.explain.Broadcast;
import org.xai4j.engine.tensor.Shape;

/**
 * Feature groups (the CLI's {@code --feature-mask}): an integer label per element; elements with the
 * same label are perturbed together and share one attribution. The mask broadcasts to the input's
 * shape (N, ...) by NumPy rules, so an (H, W) mask groups pixels across all channels of every image and
 * an (N, ...) mask gives each row its own groups. Labels are non-negative, as Captum 0.7's
 * {@code feature_mask}.
 */
public final class FeatureMask {
    private final int[] labels;
    private final int[] shape;

    private FeatureMask(int[] labels, int[] shape) {
        if (labels.length != Shape.numel(shape)) {
            throw new IllegalArgumentException("feature mask of shape " + Shape.str(shape) + " needs "
                    + Shape.numel(shape) + " labels, got " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) throw new IllegalArgumentException("feature mask labels must be >= 0, got " + labels[i] + " at flat index " + i);
        }
        this.labels = labels;
        this.shape = shape;
    }

    /** Labels in row-major order; copied. */
    public static FeatureMask of(int[] labels, int... shape) {
        return new FeatureMask(labels.clone(), shape.clone());
    }

    /** Labels read from an int64 array (a .npy mask); each must fit an int. */
    public static FeatureMask of(long[] labels, int... shape) {
        int[] ints = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("feature mask label " + labels[i] + " at flat index " + i + " is not in [0, 2^31)");
            }
            ints[i] = (int) labels[i];
        }
        return new FeatureMask(ints, shape.clone());
    }

    public int[] shape() {
        return shape.clone();
    }

    /** The label of every element of an input of {@code inputShape}, row-major. */
    public int[] resolve(int[] inputShape) {
        int[] map = Broadcast.indexMap("feature mask", shape, inputShape);
        int[] out = new int[map.length];
        for (int i = 0; i < map.length; i++) out[i] = labels[map[i]];
        return out;
    }

    /** Whether every row of an input of {@code inputShape} gets the same labels (the mask has no batch axis of size N > 1). */
    public boolean sameForEveryRow(int[] inputShape) {
        return shape.length < inputShape.length || shape[0] == 1;
    }
}
