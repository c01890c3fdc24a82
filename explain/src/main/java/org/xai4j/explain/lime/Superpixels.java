package org.xai4j.explain.lime;

import org.xai4j.explain.perturbation.FeatureMask;

/** Built-in image segmentations for LIME's interpretable features. */
public final class Superpixels {
    private Superpixels() {}

    /**
     * A grid of square cells: pixel (i, j) of an H×W image gets label (i / cell) · ⌈W / cell⌉ + j / cell.
     * The (H, W) mask broadcasts over channels and images.
     */
    public static FeatureMask grid(int height, int width, int cell) {
        if (height < 1 || width < 1 || cell < 1) {
            throw new IllegalArgumentException("grid superpixels need positive height, width and cell size, got "
                    + height + ", " + width + ", " + cell);
        }
        int across = (width + cell - 1) / cell;
        int[] labels = new int[height * width];
        for (int i = 0; i < height; i++) for (int j = 0; j < width; j++) labels[i * width + j] = (i / cell) * across + j / cell;
        return FeatureMask.of(labels, height, width);
    }
}
