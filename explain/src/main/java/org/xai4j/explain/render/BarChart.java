package org.xai4j.explain.render;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One row's attributions as signed horizontal bars, largest magnitude first (SHAP's bar plot of one
 * explanation): red to the right of zero, blue to the left, each bar's length |value| x {@link #perUnit()}.
 */
public final class BarChart implements Figure {
    static final int LEFT = 150, RIGHT = 70, TOP = 30, ROW = 20, BOTTOM = 45, PLOT = 360;

    private final String[] names;
    private final double[] values;
    private final Integer[] order;
    private final String title, caption;
    private final Scale scale;

    public BarChart(String[] names, double[] values, String title, String caption) {
        if (names.length != values.length) throw new IllegalArgumentException("one name per value");
        this.names = names;
        this.values = values;
        this.title = title;
        this.caption = caption;
        order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> -Math.abs(values[i])));
        double lo = Arrays.stream(values).min().orElse(0), hi = Arrays.stream(values).max().orElse(0);
        scale = Scale.of(lo, hi, true, LEFT, LEFT + PLOT);
    }

    public double perUnit() {
        return scale.perUnit();
    }

    /** The x pixel of value 0 (where every bar starts). */
    public double zero() {
        return scale.map(0);
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
        double x0 = zero();
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            double y = TOP + k * ROW;
            double x1 = scale.map(values[i]);
            c.rect(Math.min(x0, x1), y + 3, Math.abs(x1 - x0), ROW - 6, values[i] >= 0 ? Colors.POSITIVE : Colors.NEGATIVE);
            c.text(LEFT - 8, y + ROW / 2.0 + 4, names[i], 11, Canvas.Anchor.END, Colors.TEXT);
            boolean right = values[i] >= 0;
            c.text(x1 + (right ? 4 : -4), y + ROW / 2.0 + 4, Scale.label(values[i]), 10,
                    right ? Canvas.Anchor.START : Canvas.Anchor.END, Colors.TEXT);
        }
        double bottom = TOP + order.length * ROW;
        c.line(x0, TOP, x0, bottom, Colors.AXIS, 1);
        scale.drawX(c, bottom + 2, caption);
    }
}
