package org.xai4j.explain.render;

import java.util.Locale;

/** Which attributions a heatmap shows, as Captum's {@code VisualizeSign}. */
public enum VisualizeSign {
    /** Only positive values (negatives show as zero). */
    POSITIVE,
    /** Only negative values, shown by their magnitude. */
    NEGATIVE,
    /** |value| (Captum's default, "absolute_value"). */
    ABSOLUTE,
    /** Signed values on a diverging map, -1 to 1. */
    ALL;

    /** The CLI spelling: positive, negative, absolute (or Captum's absolute_value), all. */
    public static VisualizeSign parse(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.equals("absolute_value")) return ABSOLUTE;
        for (VisualizeSign sign : values()) if (sign.name().toLowerCase(Locale.ROOT).equals(v)) return sign;
        throw new IllegalArgumentException("unknown sign '" + s + "'; known: positive, negative, absolute, all");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
