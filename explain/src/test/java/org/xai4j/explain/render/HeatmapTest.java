package org.xai4j.explain.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Heatmap pixels at known positions for hand-computed attributions: Captum's cumulative-sum outlier
 * threshold, each sign, the colour maps' ends, and the blended, masked and alpha-scaled images.
 */
class HeatmapTest {
    /** 1..10 in a 2x5 map (one channel), row-major. */
    static final float[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void outlierThresholdIsTheCumulativeSumRule() {
        // sorted 1..10: cumulative sums 1,3,6,10,15,21,28,36,45,55; 98% of 55 = 53.9 is first reached at 10,
        // 80% = 44 at 9, 50% = 27.5 at 7
        assertEquals(10, AttributionScale.threshold(ONE_TO_TEN, 98), 0);
        assertEquals(9, AttributionScale.threshold(ONE_TO_TEN, 80), 0);
        assertEquals(7, AttributionScale.threshold(ONE_TO_TEN, 50), 0);
    }

    @Test
    void clippedOutliersSaturateAndTheRestScaleByTheThreshold() {
        // --outlier-perc 20: threshold 9, so 9 and 10 both reach the map's top, 3 is at 1/3
        Raster r = Heatmap.render(ONE_TO_TEN, 1, 2, 5, null,
                new Heatmap.Options(HeatmapMethod.HEAT_MAP, VisualizeSign.ABSOLUTE, 20, null));
        ColorMap m = ColorMap.BLUE_YELLOW;
        assertEquals(m.argb(1), r.argb(3, 1)); // value 9
        assertEquals(m.argb(1), r.argb(4, 1)); // value 10
        assertEquals(m.argb(3 / 9.0), r.argb(2, 0)); // value 3
        assertEquals(m.argb(1 / 9.0), r.argb(0, 0));
        // --outlier-perc 2: threshold 10, nothing clipped
        Raster r2 = Heatmap.render(ONE_TO_TEN, 1, 2, 5, null, Heatmap.Options.defaults());
        assertEquals(m.argb(0.9), r2.argb(3, 1));
        assertEquals(m.argb(1), r2.argb(4, 1));
    }

    @Test
    void channelsAreSummedBeforeScaling() {
        // two channels that sum to 1..10: the same picture as one channel
        float[] two = new float[20];
        for (int i = 0; i < 10; i++) {
            two[i] = ONE_TO_TEN[i] * 0.25f;
            two[10 + i] = ONE_TO_TEN[i] * 0.75f;
        }
        Raster a = Heatmap.render(two, 2, 2, 5, null, Heatmap.Options.defaults());
        Raster b = Heatmap.render(ONE_TO_TEN, 1, 2, 5, null, Heatmap.Options.defaults());
        for (int y = 0; y < 2; y++) for (int x = 0; x < 5; x++) assertEquals(b.argb(x, y), a.argb(x, y));
    }

    @Test
    void signsSelectAndScaleTheirValues() {
        float[] v = {-4, -2, 0, 2, 4};
        ColorMap seq = ColorMap.BLUE_YELLOW, div = ColorMap.COOL_WARM;
        Raster pos = Heatmap.render(v, 1, 1, 5, null, new Heatmap.Options(HeatmapMethod.HEAT_MAP, VisualizeSign.POSITIVE, 0, null));
        // positive: threshold over {0,0,0,2,4} at 100% = 4; negatives show as zero
        assertArrayEquals(new int[] {seq.argb(0), seq.argb(0), seq.argb(0), seq.argb(0.5), seq.argb(1)}, row(pos));
        Raster neg = Heatmap.render(v, 1, 1, 5, null, new Heatmap.Options(HeatmapMethod.HEAT_MAP, VisualizeSign.NEGATIVE, 0, null));
        assertArrayEquals(new int[] {seq.argb(1), seq.argb(0.5), seq.argb(0), seq.argb(0), seq.argb(0)}, row(neg));
        Raster abs = Heatmap.render(v, 1, 1, 5, null, new Heatmap.Options(HeatmapMethod.HEAT_MAP, VisualizeSign.ABSOLUTE, 0, null));
        assertArrayEquals(new int[] {seq.argb(1), seq.argb(0.5), seq.argb(0), seq.argb(0.5), seq.argb(1)}, row(abs));
        // all: -1..1 onto the diverging map, zero at its neutral middle
        Raster all = Heatmap.render(v, 1, 1, 5, null, new Heatmap.Options(HeatmapMethod.HEAT_MAP, VisualizeSign.ALL, 0, null));
        assertArrayEquals(new int[] {div.argb(0), div.argb(0.25), div.argb(0.5), div.argb(0.75), div.argb(1)}, row(all));
        assertEquals(0xFF3B4CC0, all.argb(0, 0)); // Moreland's blue end, (59, 76, 192)
        assertEquals(0xFFB40426, all.argb(4, 0)); // and red end, (180, 4, 38)
    }

    @Test
    void colourMapEndsAndLightness() {
        assertEquals(0xFF3B4CC0, ColorMap.COOL_WARM.argb(0));
        assertEquals(0xFFB40426, ColorMap.COOL_WARM.argb(1));
        // the neutral middle: L* = 88, no chroma: (221, 221, 221) give or take a rounding
        int mid = ColorMap.COOL_WARM.argb(0.5);
        for (int shift : new int[] {16, 8, 0}) assertEquals(221, mid >> shift & 0xFF, 1);
        assertEquals(0xFF000000, ColorMap.GRAY.argb(0));
        assertEquals(0xFFFFFFFF, ColorMap.GRAY.argb(1));
        // blue-yellow: L* rises from 15 to 95 in equal steps (within 8-bit rounding), the hue from blue to yellow
        double previous = -1;
        for (int i = 0; i <= 20; i++) {
            double t = i / 20.0;
            double l = lightness(ColorMap.BLUE_YELLOW.argb(t));
            assertEquals(15 + 80 * t, l, 0.6, "L* at " + t);
            assertTrue(l > previous);
            previous = l;
        }
        int lo = ColorMap.BLUE_YELLOW.argb(0), hi = ColorMap.BLUE_YELLOW.argb(1);
        assertTrue((lo & 0xFF) > (lo >> 16 & 0xFF), "dark end is blue");
        assertTrue((hi >> 16 & 0xFF) > (hi & 0xFF) + 60, "light end is yellow");
        // the diverging map: L* rises from each end to the middle
        for (int i = 0; i < 10; i++) {
            assertTrue(lightness(ColorMap.COOL_WARM.argb(i / 20.0)) < lightness(ColorMap.COOL_WARM.argb((i + 1) / 20.0)));
            assertTrue(lightness(ColorMap.COOL_WARM.argb(1 - i / 20.0)) < lightness(ColorMap.COOL_WARM.argb(1 - (i + 1) / 20.0)));
        }
        assertThrows(IllegalArgumentException.class, () -> ColorMap.named("jet"));
        assertEquals(ColorMap.GRAY, ColorMap.named("gray"));
    }

    @Test
    void blendedHalfHeatHalfGreyImage() {
        float[] attr = {0, 1, 2, 4};
        // image 1x4, RGB: grey means 0, 30, 60, 120 -> scaled by its own range to 0, .25, .5, 1
        int[] px = {0xFF000000, 0xFF1E1E1E, 0xFF3C3C3C, 0xFF787878};
        Raster img = new Raster(4, 1, px);
        Raster r = Heatmap.render(attr, 1, 1, 4, img, new Heatmap.Options(HeatmapMethod.BLENDED_HEAT_MAP, VisualizeSign.ABSOLUTE, 0, null));
        double[] grey = {0, 0.25, 0.5, 1};
        double[] t = {0, 0.25, 0.5, 1};
        for (int x = 0; x < 4; x++) {
            int heat = ColorMap.BLUE_YELLOW.argb(t[x]);
            for (int shift : new int[] {16, 8, 0}) {
                assertEquals(Math.round(0.5 * (heat >> shift & 0xFF) + 0.5 * 255 * grey[x]), r.argb(x, 0) >> shift & 0xFF, "x=" + x);
            }
        }
    }

    @Test
    void maskedAndAlphaScaledImages() {
        float[] attr = {0, 1, 2, 4};
        Raster img = new Raster(4, 1, new int[] {0xFF645032, 0xFF645032, 0xFF645032, 0xFF645032}); // (100, 80, 50)
        Raster masked = Heatmap.render(attr, 1, 1, 4, img, new Heatmap.Options(HeatmapMethod.MASKED_IMAGE, VisualizeSign.ABSOLUTE, 0, null));
        assertEquals(0xFF000000, masked.argb(0, 0));
        assertEquals(0xFF19140C, masked.argb(1, 0)); // 0.25 * (100, 80, 50) truncated = (25, 20, 12)
        assertEquals(0xFF322819, masked.argb(2, 0)); // (50, 40, 25)
        assertEquals(0xFF645032, masked.argb(3, 0));
        Raster alpha = Heatmap.render(attr, 1, 1, 4, img, new Heatmap.Options(HeatmapMethod.ALPHA_SCALING, VisualizeSign.ABSOLUTE, 0, null));
        assertArrayEquals(new int[] {0x00645032, 0x3F645032, 0x7F645032, 0xFF645032}, row(alpha)); // alpha 0, 63, 127, 255
        assertThrows(IllegalArgumentException.class,
                () -> new Heatmap.Options(HeatmapMethod.MASKED_IMAGE, VisualizeSign.ALL, 2, null));
        assertThrows(IllegalArgumentException.class, () -> Heatmap.render(attr, 1, 1, 4, null,
                new Heatmap.Options(HeatmapMethod.BLENDED_HEAT_MAP, VisualizeSign.ALL, 2, null)));
    }

    @Test
    void imagesFromNumbersAsCaptumPreparesThem() {
        // values up to 1 are scaled by 255 and truncated; negative ones clip to 0
        Raster r = Heatmap.image(new float[] {0.5f, 1f, -0.2f, 0.1f, 0.2f, 0.3f}, 3, 1, 2);
        // red 0.5, 1 -> 127, 255; green -0.2, 0.1 -> 0, 25; blue 0.2, 0.3 -> 51, 76
        assertEquals(0xFF7F0033, r.argb(0, 0));
        assertEquals(0xFFFF194C, r.argb(1, 0));
        Raster grey = Heatmap.image(new float[] {10, 300}, 1, 1, 2);
        assertEquals(0xFF0A0A0A, grey.argb(0, 0));
        assertEquals(0xFFFFFFFF, grey.argb(1, 0));
    }

    @Test
    void pngRoundTripKeepsPixels() throws Exception {
        Raster r = Heatmap.render(ONE_TO_TEN, 1, 2, 5, null, Heatmap.Options.defaults()).scaled(3);
        assertEquals(15, r.width());
        Raster back = Raster.readPng(r.png());
        for (int y = 0; y < 6; y++) for (int x = 0; x < 15; x++) assertEquals(r.argb(x, y), back.argb(x, y));
        assertEquals(ColorMap.BLUE_YELLOW.argb(1), back.argb(14, 5));
        // unequal factors: 2 wide, 5 high
        Raster plain = Heatmap.render(ONE_TO_TEN, 1, 2, 5, null, Heatmap.Options.defaults());
        Raster strip = plain.scaled(2, 5);
        assertEquals(10, strip.width());
        assertEquals(10, strip.height());
        assertEquals(plain.argb(1, 1), strip.argb(3, 7));
        assertEquals(plain.argb(4, 0), strip.argb(9, 4));
    }

    static double lightness(int argb) {
        return Cielab.fromRgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF)[0];
    }

    static int[] row(Raster r) {
        int[] out = new int[r.width()];
        for (int x = 0; x < out.length; x++) out[x] = r.argb(x, 0);
        return out;
    }
}
