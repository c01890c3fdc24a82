package org.xai4j.explain.perturbation;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * Occlusion (Zeiler and Fergus, "Visualizing and Understanding Convolutional Networks", ECCV 2014):
 * attr(e) = mean over the windows w covering e of [f(x) − f(x with w set to the baseline)].
 *
 * <p>As Captum 0.7 {@code Occlusion.attribute(x, sliding_window_shapes, strides, baselines)}: window
 * placement in {@link WindowGrid} (including the cropped last window), each element's sum of output
 * drops divided by the number of windows covering it. One difference: an element no window covers
 * (stride larger than the window) gets 0 where Captum divides 0 by 0 and returns NaN.
 */
public final class Occlusion implements AttributionMethod {
    private final OcclusionOptions options;

    public Occlusion(OcclusionOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "occlusion";
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] shape = inputs.shape();
        int[] rowShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        WindowGrid grid = new WindowGrid(rowShape, options.window(), options.strideFor(rowShape.length));
        BatchedForward forward = new BatchedForward(model, rowShape, options.batchSize());
        Originals x = Originals.evaluate(forward, inputs, targets);
        float[] baseline = options.baseline().resolve(shape);
        int rows = x.rows(), d = x.rowSize(), k = grid.windows();

        // every window's elements once, where they fit (each is visited three times per row below)
        int[][] windowCells = grid.allElements();
        // How many windows cover each element: the same for every row.
        int[] cells = new int[grid.maxElements()];
        int[] coverage = new int[d];
        for (int w = 0; w < k; w++) {
            int[] c = windowCells != null ? windowCells[w] : cells;
            int n = windowCells != null ? c.length : grid.elements(w, cells);
            for (int i = 0; i < n; i++) coverage[c[i]]++;
        }

        double[] sum = new double[rows * d];
        int[] fillCells = new int[grid.maxElements()];
        forward.scores((long) rows * k,
                (p, dest, off) -> {
                    int r = (int) (p / k);
                    x.copyRow(r, dest, off);
                    int w = (int) (p % k);
                    int[] c = windowCells != null ? windowCells[w] : fillCells;
                    int n = windowCells != null ? c.length : grid.elements(w, fillCells);
                    for (int i = 0; i < n; i++) dest[off + c[i]] = baseline[r * d + c[i]];
                },
                p -> x.targets()[(int) (p / k)],
                (p, score) -> {
                    int r = (int) (p / k);
                    double drop = x.score(r) - score;
                    int w = (int) (p % k);
                    int[] c = windowCells != null ? windowCells[w] : cells;
                    int n = windowCells != null ? c.length : grid.elements(w, cells);
                    for (int i = 0; i < n; i++) sum[r * d + c[i]] += drop;
                });

        float[] attr = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            for (int e = 0; e < d; e++) {
                attr[r * d + e] = coverage[e] == 0 ? 0f : (float) (sum[r * d + e] / coverage[e]);
            }
        }
        return Tensor.of(attr, shape);
    }
}
