package org.xai4j.explain.lime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.perturbation.FeatureMask;

class SuperpixelsTest {
    @Test
    void slicCellsDoNotCrossAColourEdge() {
        // 3 x 16 x 32 image: columns < 13 dark, the rest bright. No superpixel may hold pixels of both.
        int h = 16, w = 32;
        float[] v = new float[3 * h * w];
        for (int c = 0; c < 3; c++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) v[(c * h + y) * w + x] = x < 13 ? 0.1f : 0.9f;
        FeatureMask mask = Superpixels.slic(Tensor.of(v, 3, h, w), 8, 0.1);
        int[] labels = mask.resolve(new int[] {h, w});
        int count = Arrays.stream(labels).max().getAsInt() + 1;
        assertTrue(count >= 2 && count <= 8, "segments: " + count);
        boolean[] dark = new boolean[count], bright = new boolean[count];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < 13) dark[labels[y * w + x]] = true;
                else bright[labels[y * w + x]] = true;
            }
        }
        for (int l = 0; l < count; l++) assertTrue(dark[l] != bright[l], "superpixel " + l + " crosses the edge");
        assertEquals(0, labels[0]); // numbered in order of first appearance
    }

    @Test
    void slicOnAFlatImageIsTheSeedGrid() {
        // no colour to follow: each pixel joins its nearest seed; 4 x 4 image, 4 segments -> 2 x 2 blocks
        FeatureMask mask = Superpixels.slic(Tensor.full(0.5f, 1, 4, 4), 4, 1.0);
        assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3}, mask.resolve(new int[] {4, 4}));
    }
}
