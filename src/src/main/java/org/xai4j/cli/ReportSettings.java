package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

/**
 * The options {@code xai report} gives each method beyond Captum's defaults, so that every method runs
 * without per-method flags: the last layer for CAM methods (upsampled to the input), an occlusion window
 * of an eighth of each image side (a sixteenth of a sequence), 4x4-pixel blocks as features for the perturbation methods on images,
 * the input rows as linear-shap's background, and the report's --neuron-layer/--neuron-index for the neuron methods (which are
 * skipped, with the reason shown, without them). Each is listed in the page beside the method.
 */
final class ReportSettings {
    /** Methods that perturb features and take --feature-mask. */
    static final Set<String> PERTURBATION = Set.of("feature-ablation", "feature-permutation", "shapley-exact", "shapley-sampling",
            "kernel-shap", "lime");
    static final int BLOCK = 4;

    private final int[] shape;
    private final Integer batchSize;
    private final Path background, featureMask, tempDir, input;
    private final String neuronLayer;
    private final int[] neuronIndex;
    private Path blockMask;

    /**
     * @param neuronLayer the report's --neuron-layer, or null: the neuron methods are then skipped (there is no
     *                    unit to default to: which unit matters is the user's question)
     * @param neuronIndex the report's --neuron-index, or null
     */
    ReportSettings(int[] inputShape, Integer batchSize, Path background, Path featureMask, Path tempDir, Path input,
                   String neuronLayer, int[] neuronIndex) {
        this.shape = inputShape;
        this.batchSize = batchSize;
        this.background = background;
        this.featureMask = featureMask;
        this.tempDir = tempDir;
        this.input = input;
        this.neuronLayer = neuronLayer;
        this.neuronIndex = neuronIndex;
    }

    /** A method's options and how the page names them; or, when {@code skipped} is not null, why it does not run. */
    record Configured(ExplainOptions options, String settings, String skipped) {}

    Configured configure(String method) throws IOException {
        ExplainOptions o = new ExplainOptions();
        o.method = method;
        o.batchSize = batchSize;
        Set<String> takes = MethodFactory.spec(method).flags();
        List<String> shown = new ArrayList<>();
        boolean image = shape.length == 4;
        if (takes.contains("--neuron-layer")) {
            if (neuronLayer == null) {
                return new Configured(o, null, "a neuron method needs the unit it explains: give xai report --neuron-layer NAME "
                        + "--neuron-index I,J,.. (xai layers lists the layers)");
            }
            o.neuronLayer = neuronLayer;
            o.neuronIndex = neuronIndex;
            shown.add("unit " + join(neuronIndex) + " of " + neuronLayer);
        }
        if (takes.contains("--layer")) {
            o.layer = "auto";
            shown.add("layer auto (the last convolution's output)");
        }
        if (takes.contains("--upsample")) {
            o.upsample = "nearest";
            shown.add("upsampled to the input (nearest)");
        }
        if (takes.contains("--window")) {
            // channels whole; an eighth of an image side, a sixteenth of a sequence; one feature of a tabular row
            int axes = shape.length - 1;
            int[] window = new int[axes], stride = new int[axes];
            for (int a = 0; a < axes; a++) {
                boolean whole = axes > 1 && a == 0;
                int side = shape[a + 1];
                window[a] = whole ? side : axes == 1 ? 1 : Math.max(1, side / (axes == 3 ? 8 : 16));
                stride[a] = whole ? side : Math.max(1, window[a] / 2);
            }
            o.window = window;
            o.stride = stride;
            shown.add("window " + join(window) + ", stride " + join(stride));
        }
        if (takes.contains("--feature-mask")) {
            if (featureMask != null) {
                o.featureMask = featureMask;
                shown.add("feature mask " + featureMask.getFileName());
            } else if (image && PERTURBATION.contains(method)) {
                o.featureMask = blockMask();
                shown.add(BLOCK + "x" + BLOCK + "-pixel blocks as features");
            }
        }
        if (takes.contains("--background")) {
            if (background != null) {
                o.background = background;
                shown.add("background " + background.getFileName());
            } else if (method.equals("linear-shap")) {
                o.background = input;
                shown.add("background: the input rows");
            }
        }
        return new Configured(o, shown.isEmpty() ? "Captum's defaults" : "Captum's defaults; " + String.join("; ", shown), null);
    }

    /** The H x W mask of 4x4 blocks (broadcast over channels), written once to the report's temporary folder. */
    private Path blockMask() throws IOException {
        if (blockMask != null) return blockMask;
        int h = shape[2], w = shape[3], across = (w + BLOCK - 1) / BLOCK;
        long[] ids = new long[h * w];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) ids[y * w + x] = (long) (y / BLOCK) * across + x / BLOCK;
        blockMask = tempDir.resolve("blocks.npy");
        Npy.write(blockMask, HostArray.ofLong(new int[] {h, w}, ids));
        return blockMask;
    }

    private static String join(int[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }
}
