package org.xai4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xai4j.explain.render.Figure;
import org.xai4j.explain.render.SvgCanvas;

/**
 * The page {@code xai report} writes: one HTML file with everything inline (figures as inline SVG,
 * rasters inside them as PNG data URIs, CSS in a style element, no script, nothing fetched), so it opens
 * in any browser without a network.
 */
final class HtmlReport {
    private final String modelName;
    private final List<String> info;
    private final List<String> labels;
    private float[][] outputs;
    private int[] targets;
    private final List<MethodResult> methods = new ArrayList<>();
    /** Methods named in --methods that did not run, with the reason (a neuron method without its unit). */
    private final List<String[]> skipped = new ArrayList<>();

    private record MethodResult(String name, String settings, double millis, float[] delta, ExplanationPlots.Drawn drawn) {}

    HtmlReport(String modelName, List<String> info, List<String> labels) {
        this.modelName = modelName;
        this.info = info;
        this.labels = labels;
    }

    /** Each row's outputs and the column explained. */
    void predictions(float[][] outputs, int[] targets) {
        this.outputs = outputs;
        this.targets = targets;
    }

    void method(String name, String settings, double millis, float[] delta, ExplanationPlots.Drawn drawn) {
        methods.add(new MethodResult(name, settings, millis, delta, drawn));
    }

    void skipped(String name, String reason) {
        skipped.add(new String[] {name, reason});
    }

    String html() {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>xai report: ")
                .append(esc(modelName)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>xai report: ").append(esc(modelName)).append("</h1>\n");
        b.append("<section id=\"model\"><h2>Model</h2>\n<pre>");
        for (String line : info) b.append(esc(line)).append('\n');
        b.append("</pre></section>\n");
        b.append("<section id=\"methods\"><h2>Methods</h2>\n<table>\n<tr><th>method</th><th>settings</th><th>time</th><th>convergence delta</th></tr>\n");
        for (MethodResult m : methods) {
            b.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(esc(m.settings())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f ms", m.millis())).append("</td><td>")
                    .append(m.delta() == null ? "—" : esc(deltas(m.delta()))).append("</td></tr>\n");
        }
        for (String[] m : skipped) {
            b.append("<tr class=\"skipped\"><td>").append(esc(m[0])).append("</td><td>skipped: ").append(esc(m[1]))
                    .append("</td><td>—</td><td>—</td></tr>\n");
        }
        b.append("</table></section>\n");
        for (int r = 0; r < targets.length; r++) {
            b.append("<section class=\"row\" id=\"row-").append(r).append("\">\n<h2>Row ").append(r).append("</h2>\n<p class=\"prediction\">")
                    .append(esc(prediction(r))).append("</p>\n<div class=\"grid\">\n");
            for (MethodResult m : methods) {
                b.append("<figure data-method=\"").append(esc(m.name())).append("\">\n");
                b.append(inline(m.drawn().figures().get(r)));
                b.append("<figcaption><b>").append(esc(m.name())).append("</b><br>").append(esc(m.settings()))
                        .append(String.format(Locale.ROOT, "<br>%.1f ms for all rows", m.millis()));
                if (m.delta() != null) b.append(String.format(Locale.ROOT, "<br>convergence delta %.3g", m.delta()[r]));
                b.append("</figcaption>\n</figure>\n");
            }
            b.append("</div>\n</section>\n");
        }
        boolean summaries = methods.stream().anyMatch(m -> m.drawn().summary() != null);
        if (summaries) {
            b.append("<section id=\"summaries\"><h2>Across rows</h2>\n<div class=\"grid\">\n");
            for (MethodResult m : methods) {
                if (m.drawn().summary() == null) continue;
                b.append("<figure data-method=\"").append(esc(m.name())).append("\">\n").append(inline(m.drawn().summary()))
                        .append("<figcaption><b>").append(esc(m.name())).append("</b>: attributions of every row</figcaption>\n</figure>\n");
            }
            b.append("</div>\n</section>\n");
        }
        b.append("<footer>Made by xai report. Heatmaps as Captum's visualize_image_attr; colour maps computed in CIE Lab.</footer>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /** The figure's SVG without a fixed size, so the page can scale it to its column. */
    private static String inline(Figure f) {
        String svg = f.svg();
        return svg.replaceFirst("<svg ", "<svg class=\"figure\" role=\"img\" ");
    }

    private String prediction(int r) {
        float[] o = outputs[r];
        int t = targets[r];
        StringBuilder s = new StringBuilder("explained: ").append(className(t)).append(" (output ")
                .append(String.format(Locale.ROOT, "%.4g", o[t])).append(")");
        if (o.length > 1) {
            int best = 0;
            for (int k = 1; k < o.length; k++) if (o[k] > o[best]) best = k;
            s.append("; predicted: ").append(className(best)).append(String.format(Locale.ROOT, " (%.4g)", o[best]));
        }
        return s.toString();
    }

    private String className(int k) {
        return labels != null && k < labels.size() ? "class " + k + " '" + labels.get(k) + "'" : "class " + k;
    }

    private static String deltas(float[] d) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < d.length; i++) s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", d[i]));
        return s.toString();
    }

    private static String esc(String s) {
        return SvgCanvas.escape(s);
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px; color: #222; background: #fff; }
            h1 { font-size: 22px; } h2 { font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            pre { background: #f6f6f6; padding: 8px; font-size: 12px; overflow-x: auto; }
            table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; }
            .grid { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
            figure { margin: 0; border: 1px solid #e4e4e4; padding: 6px; max-width: 640px; }
            figure svg.figure { display: block; max-width: 100%; height: auto; }
            figcaption { font-size: 12px; margin-top: 4px; max-width: 420px; }
            .prediction { font-size: 14px; }
            footer { margin-top: 24px; font-size: 11px; color: #777; }
            """;
}
