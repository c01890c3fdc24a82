package org.xai4j.explain.render;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * SHAP's summary plot across rows: one line per feature (largest mean |attribution| on top), one dot per
 * row at its attribution, dots that would overlap stacked outward from the line (a beeswarm), coloured by
 * the feature's value in that row on the blue-yellow map (its lowest to its highest value in the data).
 */
public final class Beeswarm implements Figure {
    static final int LEFT = 150, RIGHT = 90, TOP = 30, ROW = 34, BOTTOM = 45, PLOT = 360;
    static final double DOT = 2.6;

    private final String[] names;
    private final float[][] attributions, features; // [row][feature]
    private final Integer[] order;
    private final String title;
    private final Scale scale;

    public Beeswarm(String[] names, float[][] attributions, float[][] featureValues, String title) {
        this.names = names;
        this.attributions = attributions;
        this.features = featureValues;
        this.title = title;
        int f = names.length;
        double[] meanAbs = new double[f];
        double lo = 0, hi = 0;
        for (float[] row : attributions) {
            for (int j = 0; j < f; j++) {
                meanAbs[j] += Math.abs(row[j]);
                lo = Math.min(lo, row[j]);
                hi = Math.max(hi, row[j]);
            }
        }
        order = new Integer[f];
        for (int j = 0; j < f; j++) order[j] = j;
        Arrays.sort(order, Comparator.comparingDouble(j -> -meanAbs[j]));
        scale = Scale.of(lo, hi, true, LEFT, LEFT + PLOT);
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
        return TOP + names.length * ROW + BOTTOM;
    }

    @Override
    public void draw(Canvas c) {
        if (title != null) c.text(10, 18, title, 12, Canvas.Anchor.START, Colors.TEXT);
        double bottom = TOP + order.length * ROW;
        c.line(scale.map(0), TOP, scale.map(0), bottom, Colors.GRID, 1);
        for (int k = 0; k < order.length; k++) {
            int j = order[k];
            double mid = TOP + k * ROW + ROW / 2.0;
            c.line(LEFT, mid, LEFT + PLOT, mid, Colors.GRID, 0.5);
            c.text(LEFT - 8, mid + 4, names[j], 11, Canvas.Anchor.END, Colors.TEXT);
            double fl = Double.POSITIVE_INFINITY, fh = Double.NEGATIVE_INFINITY;
            for (float[] row : features) {
                fl = Math.min(fl, row[j]);
                fh = Math.max(fh, row[j]);
            }
            // stack dots per 2-dot-wide bin: 0, +1, -1, +2, -2, ... dot diameters from the line
            Map<Long, Integer> taken = new HashMap<>();
            double maxOffset = ROW / 2.0 - DOT;
            for (int r = 0; r < attributions.length; r++) {
                double x = scale.map(attributions[r][j]);
                long bin = Math.round(x / (2 * DOT));
                int n = taken.merge(bin, 1, Integer::sum) - 1;
                double offset = ((n + 1) / 2) * (n % 2 == 1 ? 1 : -1) * 2 * DOT * 0.8;
                offset = Math.max(-maxOffset, Math.min(maxOffset, offset));
                double t = fh > fl ? (features[r][j] - fl) / (fh - fl) : 0.5;
                c.circle(x, mid + offset, DOT, ColorMap.BLUE_YELLOW.argb(t));
            }
        }
        scale.drawX(c, bottom + 2, "attribution (impact on the output)");
        // the colour bar: feature value, low to high
        double bx = LEFT + PLOT + 30, top = TOP + 10, h = Math.max(40, bottom - TOP - 20);
        for (int i = 0; i < 40; i++) c.rect(bx, top + h - (i + 1) * h / 40, 10, h / 40 + 0.5, ColorMap.BLUE_YELLOW.argb(i / 39.0));
        c.text(bx + 14, top + 8, "high", 10, Canvas.Anchor.START, Colors.TEXT);
        c.text(bx + 14, top + h, "low", 10, Canvas.Anchor.START, Colors.TEXT);
        c.text(bx + 48, top + h / 2, "feature value", 10, Canvas.Anchor.MIDDLE, Colors.TEXT, true);
    }
}
