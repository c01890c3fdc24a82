package org.xai4j.explain.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Letter heights in the logo's SVG against the values, the stacking, the wrapping and the PNG's pixels. */
class SequenceLogoTest {
    static final Pattern PATH = Pattern.compile("<path d=\"([^\"]+)\" fill=\"(#[0-9a-f]{6})\"/>");
    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** A drawn letter: its colour and bounding box from the path's points. */
    record Letter(String color, double x0, double y0, double x1, double y1) {
        double height() {
            return y1 - y0;
        }
    }

    static List<Letter> letters(String svg) {
        List<Letter> out = new ArrayList<>();
        Matcher m = PATH.matcher(svg);
        while (m.find()) {
            Matcher n = NUMBER.matcher(m.group(1));
            double x0 = Double.POSITIVE_INFINITY, y0 = x0, x1 = Double.NEGATIVE_INFINITY, y1 = x1;
            for (int k = 0; n.find(); k++) {
                double v = Double.parseDouble(n.group());
                if (k % 2 == 0) {
                    x0 = Math.min(x0, v);
                    x1 = Math.max(x1, v);
                } else {
                    y0 = Math.min(y0, v);
                    y1 = Math.max(y1, v);
                }
            }
            out.add(new Letter(m.group(2), x0, y0, x1, y1));
        }
        return out;
    }

    @Test
    void letterHeightsAreProportionalToTheValues() {
        int length = 25;
        float[] v = new float[4 * length];
        // one base per position (a one-hot input times its attribution), signed, plus a two-letter stack at 7
        for (int j = 0; j < length; j++) v[(j % 4) * length + j] = (float) (Math.sin(0.9 * j + 0.3) * (1 + j % 3));
        v[0 * length + 7] = 0.5f; // A above
        v[2 * length + 7] = -0.25f; // G below
        SequenceLogo logo = new SequenceLogo(v, length, 10, "test");
        List<Letter> letters = letters(logo.svg());
        int nonzero = 0;
        double largest = 0;
        for (int j = 0; j < length; j++) {
            double up = 0, down = 0;
            for (int b = 0; b < 4; b++) {
                if (v[b * length + j] != 0) nonzero++;
                up += Math.max(0, v[b * length + j]);
                down += Math.max(0, -v[b * length + j]);
            }
            largest = Math.max(largest, Math.max(up, down));
        }
        assertEquals(nonzero, letters.size());
        assertEquals(SequenceLogo.HALF / largest, logo.unitHeight(), 1e-9, "the tallest stack fills half a line");
        String[] colors = {"#109648", "#255c99", "#f7b32b", "#d62839"};
        for (Letter l : letters) {
            // which position: its line from y, its column from x
            int line = (int) ((l.y0() - SequenceLogo.TOP) / (2 * SequenceLogo.HALF + SequenceLogo.LINE_GAP));
            int column = (int) ((l.x0() - SequenceLogo.LEFT) / SequenceLogo.LETTER_WIDTH);
            int j = line * 10 + column;
            int b = List.of(colors).indexOf(l.color());
            float value = v[b * length + j];
            assertTrue(value != 0, "letter " + b + " at " + j);
            assertEquals(Math.abs(value) * logo.unitHeight(), l.height(), 0.02, "height of " + "ACGT".charAt(b) + " at " + j);
            double axis = SequenceLogo.TOP + line * (2 * SequenceLogo.HALF + SequenceLogo.LINE_GAP) + SequenceLogo.HALF;
            if (value > 0 && j != 7) assertEquals(axis, l.y1(), 0.01, "positive letters stand on the axis");
            if (value < 0 && j != 7) assertEquals(axis, l.y0(), 0.01, "negative letters hang below it");
        }
        // position 7: A above the axis, G below
        Letter a = letters.stream().filter(l -> l.color().equals(colors[0]) && l.x0() < SequenceLogo.LEFT + 8 * 12 && l.x0() > SequenceLogo.LEFT + 7 * 12).findFirst().orElseThrow();
        assertEquals(SequenceLogo.TOP + SequenceLogo.HALF, a.y1(), 0.01);
        assertEquals(3, logo.svg().split(">11<|>21<|>1<", -1).length - 1 + 0, "lines start at 1, 11, 21");
    }

    @Test
    void pngLettersInTheirColours() throws Exception {
        int length = 3;
        float[] v = new float[12];
        v[3 * length] = 2f; // T at position 1, tallest: fills the upper half
        v[1 * length + 1] = -1f; // C at 2, below
        SequenceLogo logo = new SequenceLogo(v, length, 10, null);
        Raster r = Raster.readPng(logo.png());
        double axis = SequenceLogo.TOP + SequenceLogo.HALF;
        int stemX = (int) (SequenceLogo.LEFT + SequenceLogo.LETTER_WIDTH / 2);
        assertEquals(DnaGlyphs.COLORS[3], r.argb(stemX, (int) (axis - 25))); // T's stem, halfway up
        assertEquals(DnaGlyphs.COLORS[3], r.argb(stemX, (int) (axis - SequenceLogo.HALF + 2))); // its bar at the top
        assertEquals(0xFFFFFFFF, r.argb(stemX, (int) (axis - SequenceLogo.HALF - 6))); // nothing above 2.0
        // C: 25 px below the axis; its left side is filled at mid-height
        assertEquals(DnaGlyphs.COLORS[1], r.argb((int) (SequenceLogo.LEFT + SequenceLogo.LETTER_WIDTH + 1), (int) (axis + 12.5)));
        assertEquals(0xFFFFFFFF, r.argb((int) (SequenceLogo.LEFT + SequenceLogo.LETTER_WIDTH + 6), (int) (axis + 35)));
    }
}
