package org.xai4j.explain.render;

import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.util.Base64;
import java.util.Locale;

/** A {@link Canvas} writing SVG 1.1 elements; numbers with two decimals, text escaped. */
public final class SvgCanvas implements Canvas {
    private final int width, height;
    private final StringBuilder body = new StringBuilder();

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void rect(double x, double y, double w, double h, int argb) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"').append(fill(argb)).append("/>\n");
    }

    @Override
    public void fill(Shape shape, int argb) {
        body.append("<path d=\"").append(pathData(shape)).append('"').append(fill(argb)).append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int argb, double width) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"').append(stroke(argb, width)).append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int argb, double width) {
        body.append("<polyline points=\"");
        for (int i = 0; i < xs.length; i++) body.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        body.append("\" fill=\"none\"").append(stroke(argb, width)).append("/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, int argb) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append('"').append(fill(argb)).append("/>\n");
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, int argb, boolean rotated) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end")
                .append('"').append(fill(argb));
        if (rotated) body.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        body.append('>').append(escape(s)).append("</text>\n");
    }

    @Override
    public void image(double x, double y, double w, double h, Raster r) {
        body.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"")
                .append(dataUri(r.png())).append("\"/>\n");
    }

    /** The whole document. */
    public String document() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n";
    }

    static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    static String pathData(Shape shape) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3])).append(' ').append(n(c[4])).append(' ').append(n(c[5]));
                default -> d.append('Z');
            }
        }
        return d.toString();
    }

    private static String fill(int argb) {
        String s = " fill=\"" + Colors.css(argb) + "\"";
        return (argb >>> 24) == 0xFF ? s : s + " fill-opacity=\"" + n(Colors.opacity(argb)) + "\"";
    }

    private static String stroke(int argb, double width) {
        String s = " stroke=\"" + Colors.css(argb) + "\" stroke-width=\"" + n(width) + "\"";
        return (argb >>> 24) == 0xFF ? s : s + " stroke-opacity=\"" + n(Colors.opacity(argb)) + "\"";
    }

    /** v to two decimals, trailing zeros kept ("1.50"), whole numbers without ("3"); by hand, String.format was most of a logo's time. */
    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        if (!(Math.abs(v) < 1e15)) return String.format(Locale.ROOT, "%.2f", v);
        long hundredths = Math.round(v * 100);
        if (hundredths % 100 == 0) return Long.toString(hundredths / 100);
        StringBuilder b = new StringBuilder(12);
        if (hundredths < 0) {
            b.append('-');
            hundredths = -hundredths;
        }
        long cents = hundredths % 100;
        b.append(hundredths / 100).append('.').append((char) ('0' + cents / 10)).append((char) ('0' + cents % 10));
        return b.toString();
    }

    /** Text safe inside XML and HTML elements and attributes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
