package org.xai4j.explain.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The SVG writer's number format and escaping. */
class SvgCanvasTest {
    @Test
    void numbersToTwoDecimals() {
        assertEquals("3", SvgCanvas.n(3));
        assertEquals("1.50", SvgCanvas.n(1.5));
        assertEquals("-0.05", SvgCanvas.n(-0.05));
        assertEquals("3", SvgCanvas.n(2.999));
        assertEquals("0", SvgCanvas.n(-0.001));
        assertEquals("-12.35", SvgCanvas.n(-12.345678));
        assertEquals("1234567.89", SvgCanvas.n(1234567.891));
    }

    @Test
    void textIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", SvgCanvas.escape("a <b> & \"c\""));
        SvgCanvas c = new SvgCanvas(10, 10);
        c.text(1, 2, "<x>", 10, Canvas.Anchor.MIDDLE, 0xFF000000);
        assertEquals(true, c.document().contains(">&lt;x&gt;</text>"));
    }
}
