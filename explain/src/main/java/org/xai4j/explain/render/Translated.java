package org.xai4j.explain.render;

import java.awt.Shape;
import java.awt.geom.AffineTransform;

/** A canvas that moves everything drawn on it by (dx, dy): how a grid places its cells. */
final class Translated implements Canvas {
    private final Canvas c;
    private final double dx, dy;

    Translated(Canvas c, double dx, double dy) {
        this.c = c;
        this.dx = dx;
        this.dy = dy;
    }

    @Override
    public void rect(double x, double y, double w, double h, int argb) {
        c.rect(x + dx, y + dy, w, h, argb);
    }

    @Override
    public void fill(Shape shape, int argb) {
        c.fill(AffineTransform.getTranslateInstance(dx, dy).createTransformedShape(shape), argb);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int argb, double width) {
        c.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, argb, width);
    }

    @Override
    public void polyline(double[] xs, double[] ys, int argb, double width) {
        double[] x = xs.clone(), y = ys.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += dx;
            y[i] += dy;
        }
        c.polyline(x, y, argb, width);
    }

    @Override
    public void circle(double cx, double cy, double r, int argb) {
        c.circle(cx + dx, cy + dy, r, argb);
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, int argb, boolean rotated) {
        c.text(x + dx, y + dy, s, size, anchor, argb, rotated);
    }

    @Override
    public void image(double x, double y, double w, double h, Raster r) {
        c.image(x + dx, y + dy, w, h, r);
    }
}
