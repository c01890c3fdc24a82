package org.xai4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xai explain --plot}: where to draw the attributions, one file per row or one grid, and how
 * ({@link PictureOptions}).
 */
final class PlotOptions {
    @Option(names = "--plot", paramLabel = "F.png|F.svg",
            description = "also draw the attributions: a heatmap for images, a sequence logo for (4, L) one-hot inputs, bars (a waterfall for Shapley methods) for tabular rows; one file per row (F.0.png, ...) unless --grid; default: none drawn")
    Path plot;

    @Option(names = "--grid", description = "all rows in one picture instead of one file per row")
    boolean grid;

    @Mixin PictureOptions picture;
}
