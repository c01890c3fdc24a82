package org.xai4j.explain.render;

/**
 * Partial dependence (Friedman 2001) on one feature, with each row's ICE curve (Goldstein et al. 2015)
 * thin and translucent behind it and the data's values as a rug of ticks along the bottom, as
 * scikit-learn's PartialDependenceDisplay draws kind="both".
 */
public final class DependencePlot implements Figure {
    static final int LEFT = 70, RIGHT = 20, TOP = 30, PLOT_W = 380, PLOT_H = 240, BOTTOM = 50;

    private final double[] grid, average;
    private final double[][] ice; // [row][grid] or null
    private final double[] data;
    private final String title, feature, output;
    private final Scale x, y;

    public DependencePlot(double[] grid, double[] average, double[][] ice, double[] data, String title, String feature, String output) {
        this.grid = grid;
        this.average = average;
        this.ice = ice;
        this.data = data;
        this.title = title;
        this.feature = feature;
        this.output = output;
        double xl = Double.POSITIVE_INFINITY, xh = Double.NEGATIVE_INFINITY, yl = xl, yh = xh;
        for (double g : grid) {
            xl = Math.min(xl, g);
            xh = Math.max(xh, g);
        }
        for (double d : data) {
            xl = Math.min(xl, d);
            xh = Math.max(xh, d);
        }
        for (double a : average) {
            yl = Math.min(yl, a);
            yh = Math.max(yh, a);
        }
        if (ice != null) {
            for (double[] row : ice) {
                for (double v : row) {
                    yl = Math.min(yl, v);
                    yh = Math.max(yh, v);
                }
            }
        }
        x = Scale.of(xl, xh, false, LEFT, LEFT + PLOT_W);
        y = Scale.of(yl, yh, false, TOP + PLOT_H, TOP);
    }

    public Scale xScale() {
        return x;
    }

    public Scale yScale() {
        return y;
    }

    @Override
    public int width() {
        return LEFT + PLOT_W + RIGHT;
    }

    @Override
    public int height() {
        return TOP + PLOT_H + BOTTOM;
    }

    @Override
    public void draw(Canvas c) {
        if (title != null) c.text(10, 18, title, 12, Canvas.Anchor.START, Colors.TEXT);
        double[] xs = new double[grid.length];
        for (int i = 0; i < grid.length; i++) xs[i] = x.map(grid[i]);
        if (ice != null) {
            for (double[] row : ice) {
                double[] ys = new double[row.length];
                for (int i = 0; i < row.length; i++) ys[i] = y.map(row[i]);
                c.polyline(xs, ys, 0x4D3B4CC0, 0.8); // 30% opaque
            }
        }
        double[] ys = new double[average.length];
        for (int i = 0; i < average.length; i++) ys[i] = y.map(average[i]);
        c.polyline(xs, ys, 0xFFB40426, 2.5);
        double base = TOP + PLOT_H;
        for (double d : data) c.line(x.map(d), base, x.map(d), base - 6, 0x99000000, 0.8);
        x.drawX(c, base, feature);
        y.drawY(c, LEFT, output);
    }
}
