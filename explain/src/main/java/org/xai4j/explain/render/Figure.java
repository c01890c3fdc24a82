package org.xai4j.explain.render;

/** Something drawn in a fixed box: a heatmap, a logo, a chart. */
public interface Figure {
    int width();

    int height();

    void draw(Canvas canvas);

    /** The figure as a standalone SVG document. */
    default String svg() {
        SvgCanvas c = new SvgCanvas(width(), height());
        draw(c);
        return c.document();
    }

    /** The figure as PNG bytes, on white. */
    default byte[] png() {
        PngCanvas c = new PngCanvas(width(), height());
        draw(c);
        return c.png();
    }
}
