package org.xai4j.explain.render;

import java.util.Locale;

/** The few fixed colours the charts use, and their CSS spellings. */
final class Colors {
    private Colors() {}

    static final int BLACK = 0xFF000000, WHITE = 0xFFFFFFFF, AXIS = 0xFF444444, GRID = 0xFFDDDDDD, TEXT = 0xFF222222;
    /** Positive and negative bars: the cool-warm map's ends (red up, blue down, as SHAP draws them). */
    static final int POSITIVE = 0xFFB40426, NEGATIVE = 0xFF3B4CC0;

    static String css(int argb) {
        return String.format(Locale.ROOT, "#%06x", argb & 0xFFFFFF);
    }

    static double opacity(int argb) {
        return (argb >>> 24) / 255.0;
    }
}
