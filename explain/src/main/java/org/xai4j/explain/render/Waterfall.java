package org.xai4j.explain.render;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * SHAP's waterfall of one row: from the expected output E[f] at the bottom, each feature's Shapley value
 * as a bar starting where the previous one ended (smallest magnitudes lowest), to the explained output at
 * the top. By the efficiency axiom the bars add up to f(x) - E[f]; the model's own f(x) is drawn as a
 * line, so a sampling estimate's gap shows.
 */
public final class Waterfall implements Figure {
    static final int LEFT = 150, RIGHT = 80, TOP = 40, ROW = 20, BOTTOM = 60, PLOT = 360;

    private final String[] names;
    private final double[] values;
    private final double expected, output;
    private final Integer[] order; // bottom to top
    private final String title;
    private final Scale scale;

    /** {@code values} φ_i per feature, {@code expected} E[f], {@code output} the model's f(x). */
    public Waterfall(String[] names, double[] values, double expected, double output, String title) {
        if (names.length != values.length) throw new IllegalArgumentException("one name per value");
        this.names = names;
        this.values = values;
        this.expected = expected;
        this.output = output;
        this.title = title;
        order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(values[i])));
        double lo = Math.min(expected, output), hi = Math.max(expected, output), cum = expected;
        for (int i : order) {
            cum += values[i];
            lo = Math.min(lo, cum);
            hi = Math.max(hi, cum);
        }
        scale = Scale.of(lo, hi, false, LEFT, LEFT + PLOT);
    }

    /**
     * The bars bottom to top: {feature, start, end} in output units; the first starts at E[f], each starts
     * where the one below ended.
     */
    public double[][] bars() {
        double[][] b = new double[order.length][];
        double cum = expected;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            b[k] = new double[] {i, cum, cum + values[i]};
            cum += values[i];
        }
        return b;
    }

    public Scale scale() {
        return scale;
    }

    @Override
    public int width() {
        return LEFT + PLOT + RIGHT;
    }

    @Override
    public int height() {
        return TOP + values.length * ROW + BOTTOM;
    }

    @Override
    public void draw(Canvas c) {
        if (title != null) c.text(10, 18, title, 12, Canvas.Anchor.START, Colors.TEXT);
        int n = order.length;
        double bottom = TOP + n * ROW;
        double[][] bars = bars();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double y = bottom - (k + 1) * ROW; // bottom to top
            double x0 = scale.map(bars[k][1]), x1 = scale.map(bars[k][2]);
            c.rect(Math.min(x0, x1), y + 3, Math.abs(x1 - x0), ROW - 6, values[i] >= 0 ? Colors.POSITIVE : Colors.NEGATIVE);
            c.text(LEFT - 8, y + ROW / 2.0 + 4, names[i], 11, Canvas.Anchor.END, Colors.TEXT);
            boolean right = values[i] >= 0;
            c.text(Math.max(x0, x1) + 4, y + ROW / 2.0 + 4, (right ? "+" : "") + Scale.label(values[i]), 10, Canvas.Anchor.START, Colors.TEXT);
            if (k + 1 < n) c.line(x1, y, x1, y - ROW + 3, Colors.GRID, 1); // connector to the next bar
        }
        double xe = scale.map(expected), xf = scale.map(output);
        c.line(xe, bottom, xe, bottom + 8, Colors.AXIS, 1.5);
        c.line(xf, TOP - 8, xf, bottom, Colors.AXIS, 1);
        c.text(xf, TOP - 12, String.format(Locale.ROOT, "f(x) = %s", Scale.label(output)), 11, Canvas.Anchor.MIDDLE, Colors.TEXT);
        scale.drawX(c, bottom + 10, null);
        c.text(xe, bottom + 52, String.format(Locale.ROOT, "E[f(X)] = %s", Scale.label(expected)), 11, Canvas.Anchor.MIDDLE, Colors.TEXT);
    }
}
