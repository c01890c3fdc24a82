package org.xai4j.explain.lime;

import java.util.Arrays;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
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

    /**
     * SLIC superpixels (Achanta et al., "SLIC Superpixels Compared to State-of-the-Art Superpixel
     * Methods", TPAMI 2012) of one image (C, H, W): k-means of the pixels in (colour, position) with the
     * distance d = ‖colour − c_k‖² + (‖position − p_k‖ / S)² m², S = √(HW / segments) the seed spacing,
     * each centre searching only its 2S × 2S neighbourhood; 10 iterations, seeds on a regular grid.
     * Labels are numbered in row-major order of first appearance. Unlike scikit-image's {@code slic} no
     * connectivity is enforced, so a label may cover a few disconnected pixels.
     *
     * @param image       (C, H, W), not modified
     * @param segments    the approximate number of superpixels
     * @param compactness m: larger values give squarer cells (about 0.1 for colours in [0, 1])
     */
    public static FeatureMask slic(Tensor image, int segments, double compactness) {
        int[] shape = image.shape();
        if (shape.length != 3) throw new IllegalArgumentException("SLIC needs one image of shape (C, H, W), got " + Shape.str(shape));
        if (segments < 1) throw new IllegalArgumentException("SLIC needs at least 1 segment, got " + segments);
        if (!(compactness > 0)) throw new IllegalArgumentException("SLIC compactness must be > 0, got " + compactness);
        int channels = shape[0], h = shape[1], w = shape[2], n = h * w;
        float[] v = image.toArray();
        double step = Math.max(1, Math.sqrt(n / (double) segments));
        // seeds at the centres of a regular grid of spacing `step`
        int rows = Math.max(1, (int) Math.round(h / step)), cols = Math.max(1, (int) Math.round(w / step));
        int k = rows * cols;
        double[][] centre = new double[k][channels + 2];
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < cols; b++) {
                // the centre of cell (a, b) in pixel coordinates; its colour from the pixel nearest it
                double cy = (a + 0.5) * h / rows - 0.5, cx = (b + 0.5) * w / cols - 0.5;
                int y = (int) Math.round(cy), x = (int) Math.round(cx);
                double[] c = centre[a * cols + b];
                for (int ch = 0; ch < channels; ch++) c[ch] = v[ch * n + y * w + x];
                c[channels] = cy;
                c[channels + 1] = cx;
            }
        }
        int[] label = new int[n];
        double[] best = new double[n];
        double spatial = compactness * compactness / (step * step);
        int reach = (int) Math.ceil(step);
        for (int iteration = 0; iteration < 10; iteration++) {
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            Arrays.fill(label, -1);
            for (int c = 0; c < k; c++) {
                double[] ct = centre[c];
                int cy = (int) Math.round(ct[channels]), cx = (int) Math.round(ct[channels + 1]);
                for (int y = Math.max(0, cy - reach); y <= Math.min(h - 1, cy + reach); y++) {
                    for (int x = Math.max(0, cx - reach); x <= Math.min(w - 1, cx + reach); x++) {
                        double d = distance(v, n, channels, y * w + x, y, x, ct, spatial);
                        if (d < best[y * w + x]) {
                            best[y * w + x] = d;
                            label[y * w + x] = c;
                        }
                    }
                }
            }
            // a pixel no neighbourhood reached goes to its nearest centre
            for (int p = 0; p < n; p++) {
                if (label[p] >= 0) continue;
                for (int c = 0; c < k; c++) {
                    double d = distance(v, n, channels, p, p / w, p % w, centre[c], spatial);
                    if (d < best[p]) {
                        best[p] = d;
                        label[p] = c;
                    }
                }
            }
            double[][] sum = new double[k][channels + 2];
            int[] count = new int[k];
            for (int p = 0; p < n; p++) {
                double[] s = sum[label[p]];
                for (int ch = 0; ch < channels; ch++) s[ch] += v[ch * n + p];
                s[channels] += p / w;
                s[channels + 1] += p % w;
                count[label[p]]++;
            }
            for (int c = 0; c < k; c++) {
                if (count[c] == 0) continue;
                for (int j = 0; j < channels + 2; j++) centre[c][j] = sum[c][j] / count[c];
            }
        }
        int[] relabel = new int[k];
        Arrays.fill(relabel, -1);
        int next = 0;
        int[] out = new int[n];
        for (int p = 0; p < n; p++) {
            if (relabel[label[p]] < 0) relabel[label[p]] = next++;
            out[p] = relabel[label[p]];
        }
        return FeatureMask.of(out, h, w);
    }

    private static double distance(float[] v, int n, int channels, int pixel, int y, int x, double[] centre, double spatial) {
        double colour = 0;
        for (int ch = 0; ch < channels; ch++) {
            double diff = v[ch * n + pixel] - centre[ch];
            colour += diff * diff;
        }
        double dy = y - centre[channels], dx = x - centre[channels + 1];
        return colour + (dy * dy + dx * dx) * spatial;
    }
}
