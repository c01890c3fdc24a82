package org.xai4j.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xai4j.engine.io.AtomicFiles;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.dataset.PartialDependence;
import org.xai4j.explain.dataset.PartialDependenceOptions;
import org.xai4j.explain.dataset.PartialDependenceResult;
import org.xai4j.explain.perturbation.BatchedForward;
import org.xai4j.explain.render.DependencePlot;
import org.xai4j.explain.render.Figure;
import org.xai4j.explain.render.FigureFiles;
import org.xai4j.explain.render.GridFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xai pdp}: partial dependence (Friedman 2001) of the model's output on one or two features, and
 * ICE curves (Goldstein et al. 2015), on scikit-learn's grid (percentiles 5 to 95 of the data).
 */
@Command(name = "pdp", mixinStandardHelpOptions = true,
        description = "Partial dependence on one or two features (and ICE curves), as .npy files or CSV.")
final class PdpCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin InputFiles inputFiles;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the ONNX model")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "X.npy|X.csv", description = "the rows (N, features...)")
    Path data;

    @Option(names = "--feature", required = true, paramLabel = "i", description = "a feature index within a row; give two for a 2-D dependence")
    List<Integer> features;

    @Option(names = "--grid", paramLabel = "G", defaultValue = "20", description = "grid points per feature (default ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--ice", description = "also write each row's curve (one feature only)")
    boolean ice;

    @Option(names = "--target", paramLabel = "K", description = "only this output column (default: all)")
    Integer target;

    @Option(names = "--batch-size", paramLabel = "N", description = "rows per forward pass (default 64); results do not depend on it")
    Integer batchSize;

    @Option(names = "--out", required = true, paramLabel = "P.npy|P.csv",
            description = "the averages (C, G) or (C, G1, G2); the grid goes to P.grid.npy and ICE curves to P.ice.npy; a .csv name writes one table instead")
    Path out;

    @Option(names = "--plot", paramLabel = "F.png|F.svg",
            description = "also draw the dependence (one feature): the average, each row's ICE curve and the data's rug, one panel per output column (default: none drawn)")
    Path plot;

    @Option(names = "--feature-names", paramLabel = "names.txt", description = "feature names, one a line, for the plot's axis (default: the CSV header, or x0, x1, ...)")
    Path featureNames;

    @Override
    public Integer call() throws Exception {
        common.apply();
        OutputFiles.check().add("--out", out).add("--out's grid", csv() ? null : sibling(".grid.npy"))
                .add("--out's ICE curves", csv() || !ice ? null : sibling(".ice.npy")).add("--plot", plot).verify();
        if (plot != null) {
            if (!FigureFiles.supported(plot)) throw new Main.UsageError("--plot " + plot + ": expected a .png or .svg file name");
            if (features.size() != 1) throw new Main.UsageError("--plot draws the dependence on one feature; got " + features.size());
        }
        OptionLimits.range("--grid", grid, 2, OptionLimits.MAX_GRID);
        if (features.size() == 2 && (long) grid * grid > OptionLimits.MAX_COUNT) {
            // a 2-D dependence evaluates every row at grid^2 points
            throw new Main.UsageError("--grid " + grid + " with two --feature values asks for " + (long) grid * grid
                    + " grid points, more than " + OptionLimits.MAX_COUNT + "; use at most 3162");
        }
        OptionLimits.count("--batch-size", batchSize);
        OptionLimits.range("--target", target, 0, Integer.MAX_VALUE);
        OnnxGraphModel m = CliFiles.loadModel(model);
        Tensor x = CliFiles.readInputs(m, List.of(data), inputFiles, common.allowNonFinite).get(0);
        long rowSize = x.numel() / x.shape()[0];
        for (int f : features) {
            if (f < 0 || f >= rowSize) {
                throw new Main.UsageError("--feature " + f + " is outside a row of " + rowSize + " values (0 to " + (rowSize - 1) + ")");
            }
        }
        PartialDependenceOptions options;
        try {
            int[] f = features.stream().mapToInt(Integer::intValue).toArray();
            // the plot draws the ICE curves too; they are written to P.ice.npy only with --ice
            options = new PartialDependenceOptions(f, grid, ice || plot != null, batchSize == null ? BatchedForward.DEFAULT_BATCH_SIZE : batchSize);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
        PartialDependenceResult r = new PartialDependence(options).compute(m, x);
        Tensor avg = r.average().contiguous();
        NonFinite.warnIfAny(spec.commandLine().getErr(), "output", avg);
        int columns = avg.shape()[0];
        if (target != null && (target < 0 || target >= columns)) {
            throw new Main.UsageError("--target " + target + " is outside the model's " + columns + " output columns");
        }
        if (plot != null) plot(r, avg, x, columns);
        if (!ice) r = new PartialDependenceResult(r.grid(), r.average(), null);
        if (csv()) {
            writeCsv(r, avg);
            common.wrote(out, avg.shape());
            return Main.OK;
        }
        Tensor written = target == null ? avg : org.xai4j.engine.ops.Ops.slice(avg, 0, target, target + 1, 1).contiguous();
        CliFiles.writeNpy(out, written);
        common.wrote(out, written.shape());
        int g1 = r.grid()[0].length;
        float[] gv = new float[r.grid().length * g1];
        for (int a = 0; a < r.grid().length; a++) for (int i = 0; i < g1; i++) gv[a * g1 + i] = (float) r.grid()[a][i];
        CliFiles.writeNpy(sibling(".grid.npy"), Tensor.of(gv, r.grid().length, g1));
        common.wrote(sibling(".grid.npy"), new int[] {r.grid().length, g1});
        if (r.ice() != null) {
            CliFiles.writeNpy(sibling(".ice.npy"), r.ice().contiguous());
            common.wrote(sibling(".ice.npy"), r.ice().shape());
        }
        return Main.OK;
    }

    /** One panel per output column drawn (--target's, or all): the average, the ICE curves, the rug. */
    private void plot(PartialDependenceResult r, Tensor avg, Tensor x, int columns) throws IOException {
        int f = features.get(0);
        String name = NameFiles.name(NameFiles.read(featureNames, "--feature-names", 0, "features"), f, "x");
        double[] g = r.grid()[0];
        float[] av = avg.toArray(), iv = r.ice().contiguous().toArray(), xv = x.contiguous().toArray();
        int n = x.shape()[0], per = xv.length / n;
        double[] rug = new double[n];
        for (int row = 0; row < n; row++) rug[row] = xv[row * per + f];
        List<String> titles = new ArrayList<>();
        List<Figure> panels = new ArrayList<>();
        for (int k = 0; k < columns; k++) {
            if (target != null && target != k) continue;
            double[] a = new double[g.length];
            double[][] curves = new double[n][g.length];
            for (int i = 0; i < g.length; i++) {
                a[i] = av[k * g.length + i];
                for (int row = 0; row < n; row++) curves[row][i] = iv[(row * columns + k) * g.length + i];
            }
            String title = "partial dependence on " + name + ", output " + k;
            titles.add(title);
            panels.add(new DependencePlot(g, a, curves, rug, title, name, "output " + k));
        }
        FigureFiles.write(plot, panels.size() == 1 ? panels.get(0) : new GridFigure(titles, panels, Math.min(3, panels.size())));
    }

    private boolean csv() {
        return out.toString().endsWith(".csv");
    }

    /** P.grid.npy, P.ice.npy beside P.npy. */
    private Path sibling(String suffix) {
        String base = out.toString().endsWith(".npy") ? out.toString().substring(0, out.toString().length() - 4) : out.toString();
        return Path.of(base + suffix);
    }

    /** One row per grid point (and per data row for ICE): feature values, then each output column. */
    private void writeCsv(PartialDependenceResult r, Tensor avg) throws IOException {
        AtomicFiles.write(out, channel -> {
            {
                // not closed: closing would close the channel, which AtomicFiles still forces to disk
                Writer w = new java.io.BufferedWriter(java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8));
                int c = avg.shape()[0];
                float[] v = avg.toArray();
                boolean two = r.grid().length == 2;
                w.write(two ? "kind,row,x0,x1" : "kind,row,x0");
                for (int k = 0; k < c; k++) if (target == null || target == k) w.write(",out" + k);
                w.write("\n");
                double[] g0 = r.grid()[0];
                double[] g1 = two ? r.grid()[1] : new double[] {0};
                for (int i = 0; i < g0.length; i++) {
                    for (int j = 0; j < g1.length; j++) {
                        w.write(String.format(Locale.ROOT, two ? "pdp,,%g,%g" : "pdp,,%g", g0[i], g1[j]));
                        for (int k = 0; k < c; k++) {
                            if (target != null && target != k) continue;
                            int idx = two ? (k * g0.length + i) * g1.length + j : k * g0.length + i;
                            w.write(String.format(Locale.ROOT, ",%g", v[idx]));
                        }
                        w.write("\n");
                    }
                }
                if (r.ice() != null) {
                    Tensor ice = r.ice().contiguous();
                    int n = ice.shape()[0];
                    float[] iv = ice.toArray();
                    for (int row = 0; row < n; row++) {
                        for (int i = 0; i < g0.length; i++) {
                            w.write(String.format(Locale.ROOT, "ice,%d,%g", row, g0[i]));
                            for (int k = 0; k < c; k++) {
                                if (target != null && target != k) continue;
                                w.write(String.format(Locale.ROOT, ",%g", iv[(row * c + k) * g0.length + i]));
                            }
                            w.write("\n");
                        }
                    }
                }
                w.flush();
            }
        });
    }
}
