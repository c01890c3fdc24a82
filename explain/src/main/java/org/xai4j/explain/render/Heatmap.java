package org.xai4j.explain.render;

/**
 * An image attribution drawn as Captum 0.7's {@code visualize_image_attr}: the attribution summed over
 * channels, scaled by {@link AttributionScale} (sign, outlier clipping), then shown by one of the
 * {@link HeatmapMethod}s. Values map to colours as Captum's imshow bounds do: [-1, 1] for sign all,
 * [0, 1] otherwise. The colour maps are ours ({@link ColorMap}): cool-warm for sign all, blue-yellow for
 * the others, unless one is named.
 */
public final class Heatmap {
    private Heatmap() {}

    /** The drawing settings; {@code colorMap} null picks the default for the sign. */
    public record Options(HeatmapMethod method, VisualizeSign sign, double outlierPercent, ColorMap colorMap) {
        public Options {
            if (method != HeatmapMethod.HEAT_MAP && method != HeatmapMethod.BLENDED_HEAT_MAP && sign == VisualizeSign.ALL) {
                // as Captum: multiplying an image by -1..1 or using it as alpha has no meaning
                throw new IllegalArgumentException(method.cliName() + " cannot show sign all; use positive, negative or absolute");
            }
        }

        public static Options defaults() {
            return new Options(HeatmapMethod.HEAT_MAP, VisualizeSign.ABSOLUTE, 2, null);
        }

        public ColorMap map() {
            return colorMap != null ? colorMap : sign == VisualizeSign.ALL ? ColorMap.COOL_WARM : ColorMap.BLUE_YELLOW;
        }
    }

    /**
     * The heatmap of one attribution of {@code channels} x {@code height} x {@code width} (channels first,
     * not modified); {@code image} is the picture under it (height x width), needed by every method but
     * heat_map.
     */
    public static Raster render(float[] attribution, int channels, int height, int width, Raster image, Options o) {
        int pixels = height * width;
        if (attribution.length != channels * pixels) {
            throw new IllegalArgumentException("attribution of " + attribution.length + " values is not " + channels + "x" + height + "x" + width);
        }
        if (o.method().needsImage()) {
            if (image == null) throw new IllegalArgumentException(o.method().cliName() + " needs an image to draw over");
            if (image.width() != width || image.height() != height) {
                throw new IllegalArgumentException("the image is " + image.height() + "x" + image.width()
                        + ", the attribution " + height + "x" + width);
            }
        }
        float[] summed = new float[pixels];
        for (int c = 0; c < channels; c++) for (int p = 0; p < pixels; p++) summed[p] += attribution[c * pixels + p];
        float[] v = AttributionScale.normalize(summed, o.sign(), o.outlierPercent());
        ColorMap map = o.map();
        boolean signed = o.sign() == VisualizeSign.ALL;
        int[] out = new int[pixels];
        switch (o.method()) {
            case HEAT_MAP -> {
                for (int p = 0; p < pixels; p++) out[p] = map.argb(signed ? (v[p] + 1) / 2 : v[p]);
            }
            case BLENDED_HEAT_MAP -> {
                double[] grey = greyScaled(image);
                for (int p = 0; p < pixels; p++) {
                    int heat = map.argb(signed ? (v[p] + 1) / 2 : v[p]);
                    double g = 255 * grey[p];
                    out[p] = 0xFF000000 | blend(heat >> 16, g) << 16 | blend(heat >> 8, g) << 8 | blend(heat, g);
                }
            }
            case MASKED_IMAGE -> {
                for (int p = 0; p < pixels; p++) {
                    int rgb = image.argb(p % width, p / width);
                    out[p] = 0xFF000000 | mask(rgb >> 16, v[p]) << 16 | mask(rgb >> 8, v[p]) << 8 | mask(rgb, v[p]);
                }
            }
            case ALPHA_SCALING -> {
                for (int p = 0; p < pixels; p++) {
                    int alpha = Math.max(0, Math.min(255, (int) (v[p] * 255)));
                    out[p] = alpha << 24 | image.argb(p % width, p / width) & 0xFFFFFF;
                }
            }
        }
        return new Raster(width, height, out);
    }

    // the heat colour at Captum's alpha_overlay 0.5 over the grey image
    private static int blend(int heatChannel, double grey) {
        return (int) Math.round(0.5 * (heatChannel & 0xFF) + 0.5 * grey);
    }

    // Captum: _prepare_image(original * attr), i.e. truncation to an integer, clipped to 0..255
    private static int mask(int channel, float v) {
        return Math.max(0, Math.min(255, (int) ((channel & 0xFF) * v)));
    }

    /**
     * The image's mean over its colour channels, scaled from its own minimum to maximum into [0, 1], as
     * matplotlib's imshow with the gray map does when Captum passes no bounds.
     */
    static double[] greyScaled(Raster image) {
        int n = image.width() * image.height();
        double[] g = new double[n];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            int c = image.argb(p % image.width(), p / image.width());
            g[p] = ((c >> 16 & 0xFF) + (c >> 8 & 0xFF) + (c & 0xFF)) / 3.0;
            lo = Math.min(lo, g[p]);
            hi = Math.max(hi, g[p]);
        }
        for (int p = 0; p < n; p++) g[p] = hi > lo ? (g[p] - lo) / (hi - lo) : 0;
        return g;
    }

    /**
     * An image given as numbers, channels first (1 or 3 channels, height x width), as Captum prepares
     * one: values no larger than 1 are taken as 0..1 and multiplied by 255, then truncated and clipped to
     * 0..255.
     */
    public static Raster image(float[] chw, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("an image needs 1 or 3 channels, got " + channels);
        }
        int pixels = height * width;
        float max = Float.NEGATIVE_INFINITY;
        for (float f : chw) max = Math.max(max, f);
        float k = max <= 1 ? 255 : 1;
        int[] out = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            int r = channel(chw[p] * k);
            int g = channels == 3 ? channel(chw[pixels + p] * k) : r;
            int b = channels == 3 ? channel(chw[2 * pixels + p] * k) : r;
            out[p] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new Raster(width, height, out);
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, (int) v));
    }
}
