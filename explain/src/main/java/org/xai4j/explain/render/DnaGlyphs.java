package org.xai4j.explain.render;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The letters A, C, G and T as filled outlines in the unit box (x right, y down, each touching y = 0
 * and y = 1), so a logo looks the same in every browser and in PNG without any font. Colours as DeepLIFT's
 * and most genomics logos: A green, C blue, G orange, T red.
 */
public final class DnaGlyphs {
    private DnaGlyphs() {}

    public static final String BASES = "ACGT";
    public static final int[] COLORS = {0xFF109648, 0xFF255C99, 0xFFF7B32B, 0xFFD62839};

    private static final Shape[] UNIT = {a(), c(), g(), t()};

    /** Base {@code b}'s letter (index in ACGT) stretched into the box (x, y, w, h). */
    public static Shape glyph(int b, double x, double y, double w, double h) {
        AffineTransform at = new AffineTransform(w, 0, 0, h, x, y);
        return at.createTransformedShape(UNIT[b]);
    }

    private static Shape a() {
        Path2D.Double outer = new Path2D.Double();
        outer.moveTo(0, 1);
        outer.lineTo(0.38, 0);
        outer.lineTo(0.62, 0);
        outer.lineTo(1, 1);
        outer.lineTo(0.78, 1);
        outer.lineTo(0.5, 0.24);
        outer.lineTo(0.22, 1);
        outer.closePath();
        Area area = new Area(outer);
        area.add(new Area(new Rectangle2D.Double(0.25, 0.58, 0.5, 0.14)));
        return area;
    }

    private static Area ring() {
        Area ring = new Area(new Ellipse2D.Double(0, 0, 1, 1));
        ring.subtract(new Area(new Ellipse2D.Double(0.2, 0.17, 0.6, 0.66)));
        return ring;
    }

    private static Shape c() {
        Area ring = ring();
        ring.subtract(new Area(new Rectangle2D.Double(0.62, 0.34, 0.4, 0.32)));
        return ring;
    }

    private static Shape g() {
        Area ring = ring();
        ring.subtract(new Area(new Rectangle2D.Double(0.62, 0.3, 0.4, 0.22)));
        ring.add(new Area(new Rectangle2D.Double(0.52, 0.52, 0.44, 0.13)));
        ring.add(new Area(new Rectangle2D.Double(0.8, 0.52, 0.16, 0.3)));
        return ring;
    }

    private static Shape t() {
        Area area = new Area(new Rectangle2D.Double(0, 0, 1, 0.17));
        area.add(new Area(new Rectangle2D.Double(0.4, 0, 0.2, 1)));
        return area;
    }
}
