package org.xai4j.explain.render;

import java.util.Locale;

/**
 * Regression uncertainty against error: one dot per row at (predicted standard deviation σ, |error|),
 * with the lines |error| = kσ and, beside each, the share of rows under it (for a Gaussian with the
 * predicted σ: 68% under k = 1, 95% under k = 2), as the solubility example of the seed material
 * plots it with the y = 2x line.
 */
public final class ErrorSigmaPlot implements Figure {
    static final int LEFT = 70, RIGHT = 120, TOP = 30, PLOT_W = 360, PLOT_H = 260, BOTTOM = 50;

    private final double[] sigma, error, ks;
    private final String title;
    private final Scale x, y;

    /** {@code sigma} and {@code absError} per row (not modified); {@code ks} the slopes drawn. */
    public ErrorSigmaPlot(double[] sigma, double[] absError, double[] ks, String title) {
        if (sigma.length != absError.length) throw new IllegalArgumentException("one error per sigma");
        this.sigma = sigma;
        this.error = absError;
        this.ks = ks;
        this.title = title;
        double sx = 0, ey = 0;
        for (int i = 0; i < sigma.length; i++) {
            sx = Math.max(sx, sigma[i]);
            ey = Math.max(ey, Math.abs(absError[i]));
        }
        x = new Scale(0, sx * 1.05, LEFT, LEFT + PLOT_W);
        y = new Scale(0, ey * 1.05, TOP + PLOT_H, TOP);
    }

    public Scale xScale() {
        return x;
    }

    public Scale yScale() {
        return y;
    }

    /** The share of rows with |error| <= k sigma. */
    public double shareUnder(double k) {
        int n = 0;
        for (int i = 0; i < sigma.length; i++) if (Math.abs(error[i]) <= k * sigma[i]) n++;
        return sigma.length == 0 ? 0 : n / (double) sigma.length;
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
        for (int i = 0; i < sigma.length; i++) c.circle(x.map(sigma[i]), y.map(Math.abs(error[i])), 2.5, 0xB33B4CC0);
        for (double k : ks) {
            // the line from the origin to where it leaves the plot (its top or its right edge)
            double xEnd = Math.min(x.hi(), y.hi() / k), yEnd = k * xEnd;
            c.line(x.map(0), y.map(0), x.map(xEnd), y.map(yEnd), Colors.POSITIVE, 1.2);
            c.text(x.map(xEnd) + 4, y.map(yEnd) + 4, String.format(Locale.ROOT, "y = %sx: %.0f%% under", Scale.label(k), 100 * shareUnder(k)),
                    10, Canvas.Anchor.START, Colors.TEXT);
        }
        x.drawX(c, TOP + PLOT_H, "predicted standard deviation σ");
        y.drawY(c, LEFT, "|error|");
    }
}
