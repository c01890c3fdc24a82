package org.xai4j.explain.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

/**
 * A sequence logo of one (4, L) attribution over A, C, G, T: at each position the letters stacked with
 * heights proportional to their values, positive ones above the axis (largest on top), negative ones
 * below (largest at the bottom), as DeepLIFT's {@code viz_sequence} and the genomics papers draw them.
 * One scale for the whole sequence (the largest stack fills half a line's height), lines wrapped every
 * {@code perLine} positions, positions counted from 1 as sequence viewers count them, marked every 10.
 */
public final class SequenceLogo implements Figure {
    static final double LETTER_WIDTH = 12, HALF = 50, LEFT = 50, TOP = 24, LINE_GAP = 26;

    private final float[] values;
    private final int length, perLine;
    private final String title;
    private final double unitHeight;

    /**
     * The logo of {@code values}, (4, length) row-major in ACGT order (not modified); for a one-hot input,
     * pass the attribution times the input so only the present base shows.
     */
    public SequenceLogo(float[] values, int length, int perLine, String title) {
        if (values.length != 4 * length) throw new IllegalArgumentException("a logo needs 4 x " + length + " values, got " + values.length);
        if (perLine < 1) throw new IllegalArgumentException("positions per line must be at least 1, got " + perLine);
        this.values = values;
        this.length = length;
        this.perLine = Math.min(perLine, Math.max(1, length));
        this.title = title;
        double largest = 0;
        for (int j = 0; j < length; j++) {
            double up = 0, down = 0;
            for (int b = 0; b < 4; b++) {
                float v = values[b * length + j];
                if (v > 0) up += v;
                else down -= v;
            }
            largest = Math.max(largest, Math.max(up, down));
        }
        this.unitHeight = largest == 0 ? 0 : HALF / largest;
    }

    /** Pixels per unit of attribution: every letter's height is |value| times this. */
    public double unitHeight() {
        return unitHeight;
    }

    private int lines() {
        return Math.max(1, (length + perLine - 1) / perLine);
    }

    private double lineHeight() {
        return 2 * HALF + LINE_GAP;
    }

    @Override
    public int width() {
        return (int) Math.ceil(LEFT + perLine * LETTER_WIDTH + 20);
    }

    @Override
    public int height() {
        return (int) Math.ceil(TOP + lines() * lineHeight());
    }

    @Override
    public void draw(Canvas c) {
        if (title != null) c.text(LEFT, 16, title, 12, Canvas.Anchor.START, Colors.TEXT);
        Integer[] order = new Integer[4];
        for (int line = 0; line < lines(); line++) {
            double axis = TOP + line * lineHeight() + HALF;
            int first = line * perLine, last = Math.min(length, first + perLine);
            double right = LEFT + (last - first) * LETTER_WIDTH;
            c.line(LEFT, axis, right, axis, Colors.AXIS, 0.8);
            c.line(LEFT - 4, axis - HALF, LEFT - 4, axis + HALF, Colors.AXIS, 0.8);
            if (line == 0 && unitHeight > 0) {
                c.text(LEFT - 7, axis - HALF + 8, fmt(HALF / unitHeight), 9, Canvas.Anchor.END, Colors.TEXT);
                c.text(LEFT - 7, axis + HALF, fmt(-HALF / unitHeight), 9, Canvas.Anchor.END, Colors.TEXT);
            }
            for (int j = first; j < last; j++) {
                double x = LEFT + (j - first) * LETTER_WIDTH;
                final int pos = j;
                for (int b = 0; b < 4; b++) order[b] = b;
                // smallest magnitude nearest the axis
                Arrays.sort(order, (p, q) -> Float.compare(Math.abs(values[p * length + pos]), Math.abs(values[q * length + pos])));
                double up = axis, down = axis;
                for (int b : order) {
                    double h = Math.abs(values[b * length + j]) * unitHeight;
                    if (h <= 0) continue;
                    if (values[b * length + j] > 0) {
                        up -= h;
                        c.fill(DnaGlyphs.glyph(b, x + 0.5, up, LETTER_WIDTH - 1, h), DnaGlyphs.COLORS[b]);
                    } else {
                        c.fill(DnaGlyphs.glyph(b, x + 0.5, down, LETTER_WIDTH - 1, h), DnaGlyphs.COLORS[b]);
                        down += h;
                    }
                }
                if ((j + 1) % 10 == 0 || j == first) {
                    double mid = x + LETTER_WIDTH / 2;
                    c.line(mid, axis + HALF + 1, mid, axis + HALF + 5, Colors.AXIS, 0.8);
                    c.text(mid, axis + HALF + 15, Integer.toString(j + 1), 9, Canvas.Anchor.MIDDLE, Colors.TEXT);
                }
            }
        }
    }

    /**
     * The PNG with a 96-colour palette (white-to-colour ramps of the four letters' colours and of the two
     * greys): a long logo is mostly white, and one byte a pixel encodes 2 to 4 times faster than RGB
     * (a 1,000-position logo is 1.6 megapixels).
     */
    @Override
    public byte[] png() {
        PngCanvas canvas = new PngCanvas(width(), height());
        draw(canvas);
        BufferedImage indexed = new BufferedImage(width(), height(), BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
        // each colour to its nearest palette entry, by hand: Java2D's conversion dithers, speckling the white
        int[] rgb = ((DataBufferInt) canvas.image().getRaster().getDataBuffer()).getData();
        byte[] out = ((DataBufferByte) indexed.getRaster().getDataBuffer()).getData();
        Map<Integer, Byte> nearest = new HashMap<>();
        for (int i = 0; i < rgb.length; i++) {
            int c = rgb[i] & 0xFFFFFF;
            out[i] = c == 0xFFFFFF ? 0 : nearest.computeIfAbsent(c, SequenceLogo::nearestEntry);
        }
        return Raster.png(indexed);
    }

    private static byte nearestEntry(int c) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int k = 0; k < PALETTE.getMapSize(); k++) {
            long dr = (c >> 16 & 0xFF) - PALETTE.getRed(k), dg = (c >> 8 & 0xFF) - PALETTE.getGreen(k), db = (c & 0xFF) - PALETTE.getBlue(k);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return (byte) best;
    }

    private static final IndexColorModel PALETTE = palette();

    private static IndexColorModel palette() {
        int[] bases = {DnaGlyphs.COLORS[0], DnaGlyphs.COLORS[1], DnaGlyphs.COLORS[2], DnaGlyphs.COLORS[3], Colors.TEXT, Colors.AXIS};
        int steps = 16;
        int[] rgb = new int[bases.length * steps];
        for (int k = 0; k < bases.length; k++) {
            for (int i = 0; i < steps; i++) {
                double t = i / (double) (steps - 1); // 0: white, 1: the colour itself
                int r = (int) Math.round(255 + ((bases[k] >> 16 & 0xFF) - 255) * t);
                int g = (int) Math.round(255 + ((bases[k] >> 8 & 0xFF) - 255) * t);
                int b = (int) Math.round(255 + ((bases[k] & 0xFF) - 255) * t);
                rgb[k * steps + i] = r << 16 | g << 8 | b;
            }
        }
        return new IndexColorModel(8, rgb.length, rgb, 0, false, -1, DataBuffer.TYPE_BYTE);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
