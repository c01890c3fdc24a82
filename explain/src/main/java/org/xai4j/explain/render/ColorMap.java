package org.xai4j.explain.render;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A colour map: a value t in [0, 1] to an opaque sRGB colour, as a 1,024-entry table (finer than 8-bit
 * channels can show). Three are built in, all computed here in CIE Lab rather than copied:
 * <ul>
 * <li>{@code cool-warm}, the diverging map for signed values: Moreland's (2009, "Diverging Color Maps for
 *   Scientific Visualization") interpolation in Msh space from blue (59, 76, 192) through a neutral grey of
 *   L* = 88 to red (180, 4, 38); equal perceptual steps by construction, and blue against red stays
 *   distinct for protanopes and deuteranopes (his criterion 2);</li>
 * <li>{@code blue-yellow}, the sequential map: L* rising linearly from 15 to 95 while the hue turns from
 *   violet-blue through teal to yellow at the chroma sRGB allows all along (the viridis idea: lightness alone orders the
 *   values, so the map reads the same to colour-blind eyes and in greyscale);</li>
 * <li>{@code gray}: black to white, linear in L*.</li>
 * </ul>
 */
public final class ColorMap {
    private static final int ENTRIES = 1024;
    // (before the maps: their tables are built from these) Moreland 2009, section 4: interpolate in Msh; when the two ends are saturated and far apart in hue,
    // pass through an unsaturated white of magnitude max(M1, M2, 88).
    private static final double[] COOL = Cielab.toMsh(Cielab.fromRgb(59, 76, 192));
    private static final double[] WARM = Cielab.toMsh(Cielab.fromRgb(180, 4, 38));

    public static final ColorMap COOL_WARM = new ColorMap("cool-warm", true, ColorMap::coolWarm);
    public static final ColorMap BLUE_YELLOW = new ColorMap("blue-yellow", false, ColorMap::blueYellow);
    public static final ColorMap GRAY = new ColorMap("gray", false, t -> Cielab.toRgb(100 * t, 0, 0));

    /** Every built-in map, in the order --cmap lists them. */
    public static final List<ColorMap> ALL = List.of(COOL_WARM, BLUE_YELLOW, GRAY);

    private final String name;
    private final boolean diverging;
    private final int[] table = new int[ENTRIES];

    private ColorMap(String name, boolean diverging, DoubleFunction<double[]> rgb) {
        this.name = name;
        this.diverging = diverging;
        for (int i = 0; i < ENTRIES; i++) {
            double[] c = rgb.apply(i / (double) (ENTRIES - 1));
            table[i] = 0xFF000000 | channel(c[0]) << 16 | channel(c[1]) << 8 | channel(c[2]);
        }
    }

    /** The map called {@code name}; an IllegalArgumentException lists the known names. */
    public static ColorMap named(String name) {
        for (ColorMap m : ALL) if (m.name.equals(name.toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("unknown colour map '" + name + "'; known: "
                + String.join(", ", ALL.stream().map(ColorMap::name).toList()));
    }

    public String name() {
        return name;
    }

    /** Whether the map has a neutral middle (for signed values, -1 to 1). */
    public boolean diverging() {
        return diverging;
    }

    /** The colour of {@code t}, 0xFFRRGGBB; t is clipped to [0, 1] (NaN as 0). */
    public int argb(double t) {
        if (!(t > 0)) return table[0];
        if (t >= 1) return table[ENTRIES - 1];
        return table[(int) Math.round(t * (ENTRIES - 1))];
    }

    private static int channel(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }


    private static double[] coolWarm(double t) {
        double[] a = COOL.clone(), b = WARM.clone();
        double mid = Math.max(Math.max(a[0], b[0]), 88);
        double u;
        if (t < 0.5) {
            b = new double[] {mid, 0, 0};
            u = 2 * t;
        } else {
            a = new double[] {mid, 0, 0};
            u = 2 * t - 1;
        }
        // an unsaturated end takes the hue of the saturated one, spun so that the path does not bend (his eq. in 4.2)
        if (a[1] < 0.05 && b[1] > 0.05) a[2] = adjustHue(b, a[0]);
        else if (b[1] < 0.05 && a[1] > 0.05) b[2] = adjustHue(a, b[0]);
        double m = a[0] + u * (b[0] - a[0]), s = a[1] + u * (b[1] - a[1]), h = a[2] + u * (b[2] - a[2]);
        double[] lab = Cielab.fromMsh(m, s, h);
        return Cielab.toRgb(lab[0], lab[1], lab[2]);
    }

    private static double adjustHue(double[] saturated, double unsaturatedM) {
        double m = saturated[0], s = saturated[1], h = saturated[2];
        if (m >= unsaturatedM) return h;
        double spin = s * Math.sqrt(unsaturatedM * unsaturatedM - m * m) / (m * Math.sin(s));
        return h > -Math.PI / 3 ? h + spin : h - spin;
    }

    private static double[] blueYellow(double t) {
        double l = 15 + 80 * t;
        double hue = Math.toRadians(300 - 200 * t);
        // the most chroma that stays inside sRGB along the whole path (tightest at teal, L* 30 to 50), so no
        // colour is clipped and the lightness steps stay equal
        double chroma = Math.min(40, 24 + 16 * (2 * t - 0.6) * (2 * t - 0.6));
        return Cielab.toRgb(l, chroma * Math.cos(hue), chroma * Math.sin(hue));
    }
}
