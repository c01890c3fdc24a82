package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.render.BarChart;
import org.xai4j.explain.render.Beeswarm;
import org.xai4j.explain.render.ColorMap;
import org.xai4j.explain.render.Figure;
import org.xai4j.explain.render.FigureFiles;
import org.xai4j.explain.render.GridFigure;
import org.xai4j.explain.render.Heatmap;
import org.xai4j.explain.render.HeatmapMethod;
import org.xai4j.explain.render.Raster;
import org.xai4j.explain.render.RasterFigure;
import org.xai4j.explain.render.SequenceLogo;
import org.xai4j.explain.render.VisualizeSign;
import org.xai4j.explain.render.Waterfall;

/**
 * {@code xai explain --plot}: the attributions drawn by their shape. A one-hot (N, 4, L) input gets
 * sequence logos; (N, C, H, W) and (N, H, W) are images (heatmaps); (N, F) rows get bar charts (waterfalls
 * for the Shapley family) and a summary beeswarm; the rest are refused with the shapes that can be drawn.
 */
final class ExplanationPlots {
    /** Heatmaps smaller than this many pixels a side are enlarged by a whole factor (square pixels). */
    static final int MIN_SIDE = 128;

    /** The least height of a heatmap strip, in pixels. */
    static final int MIN_STRIP = 24;

    /** Sequences up to this long fit one line of a logo; longer ones wrap every {@link #PER_LINE} positions. */
    static final int ONE_LINE = 150, PER_LINE = 100;

    private final PictureOptions p;
    private final Path plot;
    private final boolean grid;

    ExplanationPlots(PlotOptions options) {
        this(options.picture, options.plot, options.grid);
    }

    /** Pictures drawn as {@code picture} says; {@code plot} the file (null: none), {@code grid} all rows in one. */
    ExplanationPlots(PictureOptions picture, Path plot, boolean grid) {
        this.p = picture;
        this.plot = plot;
        this.grid = grid;
    }

    /** Checks the options before any work: a usage error names the bad one. */
    void validate() {
        if (plot != null) {
            if (!FigureFiles.supported(plot)) throw new Main.UsageError("--plot " + plot + ": expected a .png or .svg file name");
            CliFiles.requireWritable(plot);
        }
        if (p.overlay != null) CliFiles.requireFile(p.overlay);
        heatmapOptions();
    }

    Heatmap.Options heatmapOptions() {
        try {
            HeatmapMethod method = p.heatmapMethod != null ? HeatmapMethod.parse(p.heatmapMethod)
                    : p.overlay != null ? HeatmapMethod.BLENDED_HEAT_MAP : HeatmapMethod.HEAT_MAP;
            if (method.needsImage() && p.overlay == null) {
                throw new Main.UsageError("--heatmap " + method.cliName() + " needs --overlay (the image to draw over)");
            }
            if (!(p.outlierPercent >= 0 && p.outlierPercent < 100)) {
                throw new Main.UsageError("--outlier-perc must be in [0, 100), got " + p.outlierPercent);
            }
            return new Heatmap.Options(method, VisualizeSign.parse(p.sign), p.outlierPercent,
                    p.colorMap == null ? null : ColorMap.named(p.colorMap));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    /** One picture per row, each under its title, and for several tabular rows the summary across them (else null). */
    record Drawn(List<String> titles, List<Figure> figures, Figure summary) {}

    /** Draws {@code attributions} (N, ...) of the rows {@code x} for {@code targets}; the files written. */
    List<Path> draw(OnnxGraphModel model, MethodFactory factory, Tensor x, Tensor attributions, int[] targets, String method)
            throws IOException {
        if (plot == null) return List.of();
        Drawn d = figures(model, factory, x, attributions, targets, method);
        List<Path> written = new ArrayList<>(write(d.titles(), d.figures()));
        if (d.summary() != null) {
            Path summary = FigureFiles.withPart(plot, "summary");
            FigureFiles.write(summary, d.summary());
            written.add(summary);
        }
        return written;
    }

    /** The pictures of {@code attributions} (N, ...), chosen by shape, without writing them. */
    Drawn figures(OnnxGraphModel model, MethodFactory factory, Tensor x, Tensor attributions, int[] targets, String method)
            throws IOException {
        List<String> labels = NameFiles.read(p.labels, "--labels", 0, "classes");
        int[] s = attributions.shape();
        float[] a = attributions.contiguous().toArray();
        List<String> titles = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        if (s.length == 3 && s[1] == 4 && oneHot(x)) {
            // sequence logos of the attribution at the bases present: attribution x one-hot input
            int length = s[2];
            float[] xs = x.contiguous().toArray();
            for (int r = 0; r < s[0]; r++) {
                float[] v = new float[4 * length];
                for (int i = 0; i < v.length; i++) v[i] = a[r * v.length + i] * xs[r * v.length + i];
                figures.add(new SequenceLogo(v, length, length <= ONE_LINE ? length : PER_LINE, title(method, r, targets[r], labels)));
                titles.add(title(method, r, targets[r], labels));
            }
        } else if (s.length == 2) {
            return tabular(model, factory, x, a, s[1], targets, method, labels);
        } else if (s.length == 4 || s.length == 3) {
            int c = s.length == 4 ? s[1] : 1, h = s[s.length - 2], w = s[s.length - 1];
            int per = c * h * w;
            Heatmap.Options o = heatmapOptions();
            int factor = Math.max(h, w) >= MIN_SIDE ? 1 : (MIN_SIDE + Math.max(h, w) - 1) / Math.max(h, w);
            for (int r = 0; r < s[0]; r++) {
                float[] row = Arrays.copyOfRange(a, r * per, (r + 1) * per);
                Raster image = o.method().needsImage() ? overlay(r, h, w) : null;
                // (the overlay is read per row: a (N, C, H, W) file holds one image per row)
                // a map of few rows (a 1-D Grad-CAM, (N, 1, 1, L)) is stretched to a strip at least MIN_STRIP high
                int tall = Math.max(factor, (MIN_STRIP + h - 1) / h);
                figures.add(new RasterFigure(Heatmap.render(row, c, h, w, image, o).scaled(factor, tall)));
                titles.add(title(method, r, targets[r], labels));
            }
        } else {
            throw new Main.Failure("--plot: cannot draw attributions of shape " + Shape.str(s)
                    + "; images (N, C, H, W) or (N, H, W) are drawn as heatmaps, one-hot sequences (N, 4, L) as logos, rows (N, F) as bars");
        }
        return new Drawn(titles, figures, null);
    }

    /**
     * Tabular rows: a waterfall from E[f] to f(x) for the Shapley family (whose values add up), signed
     * bars otherwise; with several rows also the summary beeswarm, to F.summary.png.
     */
    private Drawn tabular(OnnxGraphModel model, MethodFactory factory, Tensor x, float[] a, int features, int[] targets,
            String method, List<String> labels) throws IOException {
        int n = targets.length;
        List<String> names = NameFiles.read(p.featureNames, "--feature-names", features, "features");
        String[] featureNames = new String[features];
        for (int j = 0; j < features; j++) featureNames[j] = NameFiles.name(names, j, "x");
        var registered = org.xai4j.explain.registry.MethodRegistry.find(method);
        boolean waterfall = registered != null && registered.family() == org.xai4j.explain.registry.MethodFamily.SHAPLEY;
        float[][] fx = waterfall ? outputs(model, x) : null;
        MethodFactory.Reference ref = waterfall ? factory.reference() : null;
        float[][] reference = waterfall ? outputs(model, ref.rows()) : null;
        List<String> titles = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            double[] row = new double[features];
            for (int j = 0; j < features; j++) row[j] = a[r * features + j];
            String title = title(method, r, targets[r], labels);
            titles.add(title);
            if (waterfall) {
                int t = targets[r];
                // E[f]: the mean output over the background rows, or this row's baseline's output
                double expected = 0;
                if (!ref.background()) {
                    expected = reference[r][t];
                } else {
                    for (float[] out : reference) expected += out[t];
                    expected /= reference.length;
                }
                figures.add(new Waterfall(featureNames, row, expected, fx[r][t], title));
            } else {
                figures.add(new BarChart(featureNames, row, title, "attribution"));
            }
        }
        Figure summary = null;
        if (n > 1) {
            float[][] phi = new float[n][features], values = new float[n][features];
            float[] xv = x.contiguous().toArray();
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < features; j++) {
                    phi[r][j] = a[r * features + j];
                    values[r][j] = xv[r * features + j];
                }
            }
            summary = new Beeswarm(featureNames, phi, values, method + ", " + n + " rows");
        }
        return new Drawn(titles, figures, summary);
    }

    /** The model's outputs for the rows, [row][column]. */
    static float[][] outputs(OnnxGraphModel model, Tensor rows) {
        Tensor y;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            y = model.forward(rows).contiguous();
        }
        int n = rows.shape()[0];
        float[] v = y.toArray();
        int k = v.length / n;
        float[][] out = new float[n][k];
        for (int r = 0; r < n; r++) System.arraycopy(v, r * k, out[r], 0, k);
        return out;
    }

    private List<Path> write(List<String> titles, List<Figure> figures) throws IOException {
        List<Path> written = new ArrayList<>();
        if (figures.size() == 1) {
            FigureFiles.write(plot, figures.get(0));
            written.add(plot);
        } else if (grid) {
            FigureFiles.write(plot, new GridFigure(titles, figures, Math.min(4, figures.size())));
            written.add(plot);
        } else {
            for (int r = 0; r < figures.size(); r++) {
                Path f = FigureFiles.withPart(plot, Integer.toString(r));
                FigureFiles.write(f, figures.get(r));
                written.add(f);
            }
        }
        return written;
    }

    /** Whether every (4, L) column of x holds one 1 and three 0s (a one-hot DNA sequence). */
    static boolean oneHot(Tensor x) {
        int[] s = x.shape();
        if (s.length != 3 || s[1] != 4) return false;
        float[] v = x.contiguous().toArray();
        int length = s[2];
        for (int r = 0; r < s[0]; r++) {
            for (int j = 0; j < length; j++) {
                int ones = 0;
                for (int b = 0; b < 4; b++) {
                    float e = v[(r * 4 + b) * length + j];
                    if (e == 1) ones++;
                    else if (e != 0) return false;
                }
                if (ones != 1) return false;
            }
        }
        return true;
    }

    static String title(String method, int row, int target, List<String> labels) {
        String t = labels != null && target < labels.size() ? labels.get(target) : Integer.toString(target);
        return String.format(Locale.ROOT, "%s, row %d, target %s", method, row, t);
    }

    /** The picture under row {@code r}'s heatmap: a PNG, or numbers (C, H, W), (H, W) or (N, C, H, W). */
    private Raster overlay(int r, int h, int w) throws IOException {
        Raster image;
        String name = p.overlay.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            image = Raster.readPng(Files.readAllBytes(p.overlay));
        } else {
            HostArray arr = Npy.read(p.overlay);
            int[] s = arr.shape();
            float[] v = arr.toFloatArray();
            int c;
            int offset = 0;
            if (s.length == 2) c = 1;
            else if (s.length == 3) c = s[0];
            else if (s.length == 4) {
                if (r >= s[0]) throw new Main.UsageError("--overlay " + p.overlay + " has " + s[0] + " images; row " + r + " needs one");
                c = s[1];
                offset = r * c * s[2] * s[3];
            } else {
                throw new Main.UsageError("--overlay " + p.overlay + ": expected (C, H, W), (H, W) or (N, C, H, W), got "
                        + Shape.str(s));
            }
            int ih = s[s.length - 2], iw = s[s.length - 1];
            if (c != 1 && c != 3) throw new Main.UsageError("--overlay " + p.overlay + ": expected 1 or 3 channels, got " + c);
            image = Heatmap.image(Arrays.copyOfRange(v, offset, offset + c * ih * iw), c, ih, iw);
        }
        if (image.width() != w || image.height() != h) {
            throw new Main.UsageError("--overlay " + p.overlay + " is " + image.height() + "x" + image.width()
                    + ", the attributions " + h + "x" + w);
        }
        return image;
    }
}
