package org.xai4j.explain.render;

/**
 * Colour conversions between sRGB (0..255 per channel), CIE L*a*b* (D65 white) and Moreland's Msh
 * (the polar form of Lab that his diverging maps interpolate in). Double precision throughout.
 */
final class Cielab {
    private Cielab() {}

    // the D65 reference white, as sRGB defines it (IEC 61966-2-1)
    private static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;

    /** L*, a*, b* of an sRGB colour given as 0..255 channels. */
    static double[] fromRgb(double r, double g, double b) {
        double rl = linear(r / 255), gl = linear(g / 255), bl = linear(b / 255);
        double x = 0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl;
        double y = 0.2126729 * rl + 0.7151522 * gl + 0.0721750 * bl;
        double z = 0.0193339 * rl + 0.1191920 * gl + 0.9503041 * bl;
        double fx = f(x / XN), fy = f(y / YN), fz = f(z / ZN);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    /** The sRGB colour (0..255 per channel, clipped into the gamut) of a Lab colour. */
    static double[] toRgb(double l, double a, double bStar) {
        double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - bStar / 200;
        double x = XN * finv(fx), y = YN * finv(fy), z = ZN * finv(fz);
        double rl = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double gl = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return new double[] {255 * gamma(rl), 255 * gamma(gl), 255 * gamma(bl)};
    }

    /** Moreland's Msh of a Lab colour: magnitude, saturation (angle from the L axis), hue. */
    static double[] toMsh(double[] lab) {
        double m = Math.sqrt(lab[0] * lab[0] + lab[1] * lab[1] + lab[2] * lab[2]);
        double s = m == 0 ? 0 : Math.acos(lab[0] / m);
        return new double[] {m, s, Math.atan2(lab[2], lab[1])};
    }

    static double[] fromMsh(double m, double s, double h) {
        return new double[] {m * Math.cos(s), m * Math.sin(s) * Math.cos(h), m * Math.sin(s) * Math.sin(h)};
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double gamma(double c) {
        c = Math.max(0, Math.min(1, c));
        return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double finv(double t) {
        double t3 = t * t * t;
        return t3 > 216.0 / 24389 ? t3 : (116 * t - 16) / (24389.0 / 27);
    }
}
