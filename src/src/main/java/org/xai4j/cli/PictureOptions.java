package org.xai4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How attributions are drawn, shared by {@code xai explain --plot} and {@code xai report}: Captum's
 * {@code visualize_image_attr} names and defaults for heatmaps, and the names used in titles and axes.
 */
final class PictureOptions {
    @Option(names = "--overlay", paramLabel = "I.npy|I.png",
            description = "heatmaps: the image under the map, (C, H, W), (N, C, H, W) or a PNG; makes blended_heat_map the default")
    Path overlay;

    @Option(names = "--heatmap", paramLabel = "METHOD",
            description = "heatmaps: heat_map, blended_heat_map, masked_image or alpha_scaling (Captum's visualize_image_attr methods; default: heat_map, or blended_heat_map with --overlay)")
    String heatmapMethod;

    @Option(names = "--sign", paramLabel = "SIGN", defaultValue = "absolute",
            description = "heatmaps: positive, negative, absolute (default, as Captum) or all (signed, on a diverging map)")
    String sign;

    @Option(names = "--outlier-perc", paramLabel = "P", defaultValue = "2",
            description = "heatmaps: the share of total attribution above which values saturate (default ${DEFAULT-VALUE}, as Captum)")
    double outlierPercent;

    @Option(names = "--cmap", paramLabel = "NAME",
            description = "heatmaps: cool-warm (default for --sign all), blue-yellow (default otherwise) or gray")
    String colorMap;

    @Option(names = "--labels", paramLabel = "classes.txt", description = "class names, one a line, for titles (default: class indices)")
    Path labels;

    @Option(names = "--feature-names", paramLabel = "names.txt", description = "feature names, one a line, for tabular charts (default: the CSV header, or x0, x1, ...)")
    Path featureNames;
}
