package org.xai4j.explain.render;

import java.util.Locale;

/** How a heatmap shows attributions, as Captum's {@code ImageVisualizationMethod}. */
public enum HeatmapMethod {
    /** The scaled attribution through a colour map. */
    HEAT_MAP,
    /** The heat map at alpha 0.5 over the image in grey (Captum's alpha_overlay default). */
    BLENDED_HEAT_MAP,
    /** The image times the scaled attribution (not for sign all). */
    MASKED_IMAGE,
    /** The image with the scaled attribution as its alpha (not for sign all). */
    ALPHA_SCALING;

    /** Captum's spelling (heat_map, blended_heat_map, ...); a dash may replace the underscore. */
    public static HeatmapMethod parse(String s) {
        String v = s.toUpperCase(Locale.ROOT).replace('-', '_');
        for (HeatmapMethod m : values()) if (m.name().equals(v)) return m;
        throw new IllegalArgumentException("unknown heatmap method '" + s + "'; known: heat_map, blended_heat_map, masked_image, alpha_scaling");
    }

    public boolean needsImage() {
        return this != HEAT_MAP;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
