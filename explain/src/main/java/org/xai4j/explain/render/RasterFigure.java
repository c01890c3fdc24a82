package org.xai4j.explain.render;

/** A raster as a figure of its own size: the PNG is the raster's pixels exactly. */
public record RasterFigure(Raster raster) implements Figure {
    @Override
    public int width() {
        return raster.width();
    }

    @Override
    public int height() {
        return raster.height();
    }

    @Override
    public void draw(Canvas canvas) {
        canvas.image(0, 0, raster.width(), raster.height(), raster);
    }

    @Override
    public byte[] png() {
        return raster.png(); // exact pixels, alpha kept (alpha_scaling)
    }
}
