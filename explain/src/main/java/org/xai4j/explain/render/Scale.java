package org.xai4j.explain.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear axis: values in [lo, hi] to pixels in [from, to], with round ticks (1, 2 or 5 times a power of ten). */
public record Scale(double lo, double hi, double from, double to) {
    public Scale {
        if (!(hi > lo)) {
            // a degenerate range (one value, or none): widen it so that it still draws
            double pad = lo == 0 || !Double.isFinite(lo) ? 1 : Math.abs(lo) * 0.1;
            if (!Double.isFinite(lo)) lo = 0;
            hi = lo + pad;
            lo = lo - pad;
        }
    }

    /** The scale of the values, widened to include 0 when {@code withZero}, with 5% padding each side. */
    public static Scale of(double min, double max, boolean withZero, double from, double to) {
        if (withZero) {
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
        double pad = (max - min) * 0.05;
        return new Scale(min - pad, max + pad, from, to);
    }

    public double map(double v) {
        return from + (v - lo) / (hi - lo) * (to - from);
    }

    /** Pixels per unit (signed: negative for an axis that runs upward). */
    public double perUnit() {
        return (to - from) / (hi - lo);
    }

    /** About five round values inside [lo, hi]. */
    public List<Double> ticks() {
        double raw = (hi - lo) / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        return t;
    }

    public static String label(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3 ? String.format(Locale.ROOT, "%.2g", v) : String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }

    /** The horizontal axis: a line at y with ticks and their values below, and its caption. */
    void drawX(Canvas c, double y, String caption) {
        c.line(from, y, to, y, Colors.AXIS, 1);
        for (double v : ticks()) {
            double x = map(v);
            c.line(x, y, x, y + 4, Colors.AXIS, 1);
            c.text(x, y + 15, label(v), 10, Canvas.Anchor.MIDDLE, Colors.TEXT);
        }
        if (caption != null) c.text((from + to) / 2, y + 30, caption, 11, Canvas.Anchor.MIDDLE, Colors.TEXT);
    }

    /** The vertical axis at x (this scale maps values to y), with ticks and values to the left, and its caption. */
    void drawY(Canvas c, double x, String caption) {
        c.line(x, from, x, to, Colors.AXIS, 1);
        for (double v : ticks()) {
            double y = map(v);
            c.line(x - 4, y, x, y, Colors.AXIS, 1);
            c.text(x - 6, y + 3.5, label(v), 10, Canvas.Anchor.END, Colors.TEXT);
        }
        if (caption != null) c.text(x - 44, (from + to) / 2, caption, 11, Canvas.Anchor.MIDDLE, Colors.TEXT, true);
    }
}
