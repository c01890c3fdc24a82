package org.xai4j.explain.render;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Permutation importance (Breiman 2001) as horizontal bars, most important on top, each with an error
 * bar of plus and minus one standard deviation over the repeats.
 */
public final class ImportancePlot implements Figure {
    static final int LEFT = 150, RIGHT = 40, TOP = 30, ROW = 22, BOTTOM = 45, PLOT = 360;

    private final String[] names;
    private final double[] mean, std;
    private final Integer[] order;
    private final String title, caption;
    private final Scale scale;

    public ImportancePlot(String[] names, double[] mean, double[] std, String title, String caption) {
        this.names = names;
        this.mean = mean;
        this.std = std;
        this.title = title;
        this.caption = caption;
        order = new Integer[mean.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> -mean[i]));
        double lo = 0, hi = 0;
        for (int i = 0; i < mean.length; i++) {
            lo = Math.min(lo, mean[i] - std[i]);
            hi = Math.max(hi, mean[i] + std[i]);
        }
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
        return TOP + mean.length * ROW + BOTTOM;
    }

    @Override
    public void draw(Canvas c) {
        if (title != null) c.text(10, 18, title, 12, Canvas.Anchor.START, Colors.TEXT);
        double x0 = scale.map(0);
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            double y = TOP + k * ROW, mid = y + ROW / 2.0;
            double x1 = scale.map(mean[i]);
            c.rect(Math.min(x0, x1), y + 4, Math.abs(x1 - x0), ROW - 8, Colors.NEGATIVE);
            double lo = scale.map(mean[i] - std[i]), hi = scale.map(mean[i] + std[i]);
            c.line(lo, mid, hi, mid, Colors.BLACK, 1.2);
            c.line(lo, mid - 4, lo, mid + 4, Colors.BLACK, 1.2);
            c.line(hi, mid - 4, hi, mid + 4, Colors.BLACK, 1.2);
            c.text(LEFT - 8, mid + 4, names[i], 11, Canvas.Anchor.END, Colors.TEXT);
        }
        double bottom = TOP + order.length * ROW;
        c.line(x0, TOP, x0, bottom, Colors.AXIS, 1);
        scale.drawX(c, bottom + 2, caption);
    }
}
