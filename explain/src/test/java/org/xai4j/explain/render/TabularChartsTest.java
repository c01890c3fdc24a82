package org.xai4j.explain.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Bar lengths, waterfall steps, dot positions and curves in the charts' SVG against the numbers drawn. */
class TabularChartsTest {
    static final Pattern RECT = Pattern.compile("<rect x=\"([-\\d.]+)\" y=\"([-\\d.]+)\" width=\"([-\\d.]+)\" height=\"([-\\d.]+)\" fill=\"(#[0-9a-f]{6})\"/>");
    static final Pattern CIRCLE = Pattern.compile("<circle cx=\"([-\\d.]+)\" cy=\"([-\\d.]+)\" r=\"[-\\d.]+\" fill=\"(#[0-9a-f]{6})\"/>");
    static final String RED = "#b40426", BLUE = "#3b4cc0";

    /** x, y, width of each rect of colour {@code color}, in document order. */
    static List<double[]> rects(String svg, String color) {
        List<double[]> out = new ArrayList<>();
        Matcher m = RECT.matcher(svg);
        while (m.find()) {
            if (m.group(5).equals(color) || color == null) {
                out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                        m.group(5).equals(RED) ? 1 : m.group(5).equals(BLUE) ? -1 : 0});
            }
        }
        return out;
    }

    @Test
    void barLengthsAreProportionalToTheValues() {
        double[] v = {0.5, -2, 1.25, 0, -0.1};
        String[] names = {"a", "b", "c", "d", "e"};
        BarChart chart = new BarChart(names, v, "row 0", "attribution");
        String svg = chart.svg();
        List<double[]> bars = rects(svg, null).stream().filter(r -> r[3] != 0).toList();
        assertEquals(5, bars.size());
        double[] sorted = {-2, 1.25, 0.5, -0.1, 0}; // largest magnitude first, top to bottom
        for (int k = 0; k < 5; k++) {
            double[] r = bars.get(k);
            assertEquals(Math.abs(sorted[k]) * chart.perUnit(), r[2], 0.011, "bar " + k);
            if (sorted[k] > 0) assertEquals(chart.zero(), r[0], 0.006); // right of zero
            if (sorted[k] < 0) assertEquals(chart.zero(), r[0] + r[2], 0.011); // left of zero
            assertEquals(BarChart.TOP + k * BarChart.ROW + 3, r[1], 1e-9);
        }
    }

    @Test
    void waterfallBarsSumToTheOutputMinusTheExpectation() {
        // a linear model f(x) = w.x + b with background mean m: exact Shapley values w_i (x_i - m_i), E[f] = w.m + b
        double[] w = {1.5, -2, 0.25, 3}, x = {1, 0.5, -2, 0.2}, m = {0.2, -0.1, 0.4, 0.3};
        double b = 0.7, fx = b, e = b;
        double[] phi = new double[4];
        for (int i = 0; i < 4; i++) {
            phi[i] = w[i] * (x[i] - m[i]);
            fx += w[i] * x[i];
            e += w[i] * m[i];
        }
        Waterfall wf = new Waterfall(new String[] {"x0", "x1", "x2", "x3"}, phi, e, fx, "kernel-shap, row 0");
        double[][] bars = wf.bars();
        assertEquals(e, bars[0][1], 1e-12);
        for (int k = 1; k < 4; k++) assertEquals(bars[k - 1][2], bars[k][1], 1e-12, "each bar starts where the last ended");
        assertEquals(fx, bars[3][2], 1e-12);
        // in the drawing: the signed bar lengths, back in output units, add up to f(x) - E[f]
        List<double[]> rects = rects(wf.svg(), null).stream().filter(r -> r[3] != 0).toList();
        assertEquals(4, rects.size());
        double sum = 0;
        for (double[] r : rects) sum += r[3] * r[2] / wf.scale().perUnit();
        assertEquals(fx - e, sum, 4 * 0.01 / wf.scale().perUnit());
        // the lowest bar starts at E[f]'s pixel, the top one ends at f(x)'s
        double[] lowest = rects.get(0), top = rects.get(3);
        assertEquals(wf.scale().map(e), lowest[3] > 0 ? lowest[0] : lowest[0] + lowest[2], 0.011);
        assertEquals(wf.scale().map(fx), top[3] > 0 ? top[0] + top[2] : top[0], 0.011);
    }

    @Test
    void importanceBarsAndErrorBars() {
        double[] mean = {0.1, 0.4, -0.02}, std = {0.05, 0.1, 0.01};
        ImportancePlot p = new ImportancePlot(new String[] {"a", "b", "c"}, mean, std, null, "accuracy drop");
        String svg = p.svg();
        List<double[]> bars = rects(svg, BLUE);
        double[] sorted = {0.4, 0.1, -0.02};
        for (int k = 0; k < 3; k++) assertEquals(Math.abs(sorted[k]) * p.scale().perUnit(), bars.get(k)[2], 0.011);
        // the top bar's error bar spans mean +- std
        Matcher l = Pattern.compile("<line x1=\"([-\\d.]+)\" y1=\"([-\\d.]+)\" x2=\"([-\\d.]+)\" y2=\"\\2\" stroke=\"#000000\"").matcher(svg);
        l.find();
        assertEquals(p.scale().map(0.3), Double.parseDouble(l.group(1)), 0.006);
        assertEquals(p.scale().map(0.5), Double.parseDouble(l.group(3)), 0.006);
    }

    @Test
    void beeswarmDotsAtTheirAttributionsColouredByFeatureValue() {
        float[][] phi = {{0.5f, -1f}, {0.2f, 0.1f}, {-0.3f, 2f}};
        float[][] xv = {{1f, 10f}, {3f, 20f}, {2f, 40f}};
        Beeswarm bs = new Beeswarm(new String[] {"a", "b"}, phi, xv, null);
        Matcher m = CIRCLE.matcher(bs.svg());
        List<double[]> dots = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        while (m.find()) {
            dots.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            colors.add(m.group(3));
        }
        assertEquals(6, dots.size());
        // feature b has the larger mean |attribution|: its line is drawn first, its rows in order
        float[] bVals = {-1f, 0.1f, 2f};
        for (int r = 0; r < 3; r++) assertEquals(bs.scale().map(bVals[r]), dots.get(r)[0], 0.006);
        assertEquals(Colors.css(ColorMap.BLUE_YELLOW.argb(0)), colors.get(0)); // b = 10, its lowest
        assertEquals(Colors.css(ColorMap.BLUE_YELLOW.argb(1 / 3.0)), colors.get(1)); // 20 of 10..40
        assertEquals(Colors.css(ColorMap.BLUE_YELLOW.argb(1)), colors.get(2));
        for (int r = 0; r < 3; r++) assertEquals(bs.scale().map(phi[r][0]), dots.get(3 + r)[0], 0.006);
    }

    @Test
    void dependenceCurveIceAndRug() {
        double[] grid = {0, 1, 2, 3}, avg = {1, 2, 2.5, 2};
        double[][] ice = {{0.5, 1.5, 2, 1.5}, {1.5, 2.5, 3, 2.5}};
        double[] data = {0.1, 0.7, 2.9};
        DependencePlot p = new DependencePlot(grid, avg, ice, data, null, "x0", "output");
        String svg = p.svg();
        Matcher m = Pattern.compile("<polyline points=\"([^\"]+)\" fill=\"none\" stroke=\"#b40426\"").matcher(svg);
        m.find();
        String[] pts = m.group(1).split(" ");
        assertEquals(4, pts.length);
        for (int i = 0; i < 4; i++) {
            String[] xy = pts[i].split(",");
            assertEquals(p.xScale().map(grid[i]), Double.parseDouble(xy[0]), 0.006);
            assertEquals(p.yScale().map(avg[i]), Double.parseDouble(xy[1]), 0.006);
        }
        assertEquals(2, svg.split("stroke=\"#3b4cc0\" stroke-width=\"0.80\" stroke-opacity", -1).length - 1, "two ICE curves");
        assertEquals(3, svg.split("stroke=\"#000000\" stroke-width=\"0.80\" stroke-opacity", -1).length - 1, "a rug tick per row");
    }
}
