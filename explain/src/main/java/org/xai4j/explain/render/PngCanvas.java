package org.xai4j.explain.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A {@link Canvas} drawing pixels with Java2D (headless), antialiased, on white. Glyphs that must look
 * the same everywhere are paths; only labels use the JDK's logical SansSerif font.
 */
public final class PngCanvas implements Canvas {
    static {
        // no display is needed, nor wanted, for drawing into an image
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private final BufferedImage image;
    private final Graphics2D g;

    public PngCanvas(int width, int height) {
        // opaque: a figure is drawn on white (RGB is a third smaller to encode than ARGB)
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void rect(double x, double y, double w, double h, int argb) {
        fill(new Rectangle2D.Double(x, y, w, h), argb);
    }

    @Override
    public void fill(Shape shape, int argb) {
        g.setColor(new Color(argb, true));
        g.fill(shape);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int argb, double width) {
        g.setColor(new Color(argb, true));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int argb, double width) {
        if (xs.length == 0) return;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) p.lineTo(xs[i], ys[i]);
        g.setColor(new Color(argb, true));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void circle(double cx, double cy, double r, int argb) {
        fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), argb);
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, int argb, boolean rotated) {
        g.setColor(new Color(argb, true));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) size));
        double w = g.getFontMetrics().getStringBounds(s, g).getWidth();
        double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (rotated) g.rotate(-Math.PI / 2);
        g.drawString(s, (float) shift, 0f);
        g.setTransform(saved);
    }

    @Override
    public void image(double x, double y, double w, double h, Raster r) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(r.toImage(), (int) Math.round(x), (int) Math.round(y), (int) Math.round(w), (int) Math.round(h), null);
    }

    /** The pixels drawn so far. */
    public BufferedImage image() {
        return image;
    }

    public byte[] png() {
        return Raster.png(image);
    }
}
