package org.xai4j.explain.render;

import java.awt.Shape;

/**
 * What a figure draws on: SVG text ({@link SvgCanvas}) or pixels ({@link PngCanvas}). Coordinates in
 * pixels from the top left; colours 0xAARRGGBB (alpha below 0xFF is drawn translucent).
 */
public interface Canvas {
    /** Where a text's anchor point lies on it. */
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double w, double h, int argb);

    /** A filled outline (glyphs drawn as paths, so that they look the same without fonts). */
    void fill(Shape shape, int argb);

    void line(double x1, double y1, double x2, double y2, int argb, double width);

    void polyline(double[] xs, double[] ys, int argb, double width);

    void circle(double cx, double cy, double r, int argb);

    /** A line of text whose baseline passes through y; {@code rotated} turns it 90 degrees anticlockwise. */
    void text(double x, double y, String s, double size, Anchor anchor, int argb, boolean rotated);

    default void text(double x, double y, String s, double size, Anchor anchor, int argb) {
        text(x, y, s, size, anchor, argb, false);
    }

    /** A raster drawn into the box, pixels kept sharp. */
    void image(double x, double y, double w, double h, Raster r);
}
