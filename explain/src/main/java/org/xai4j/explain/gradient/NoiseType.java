package org.xai4j.explain.gradient;

import java.util.Locale;

/**
 * How {@link NoiseTunnel} combines the attributions a_1..a_S of the noisy copies, as Captum 0.7
 * {@code NoiseTunnelType}: SmoothGrad mean(a) (Smilkov et al. 2017), SmoothGrad² mean(a²) (Hooker et al.
 * 2019), VarGrad mean(a²) − mean(a)² (Adebayo et al. 2018).
 */
public enum NoiseType {
    SMOOTHGRAD("smoothgrad"),
    SMOOTHGRAD_SQ("smoothgrad-sq"),
    VARGRAD("vargrad");

    private final String cliName;

    NoiseType(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** The type named {@code name}: smoothgrad, smoothgrad-sq (or Captum's smoothgrad_sq), vargrad. */
    public static NoiseType parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        for (NoiseType t : values()) {
            if (t.cliName.equals(n)) return t;
        }
        throw new IllegalArgumentException("unknown noise tunnel type '" + name + "'; use smoothgrad, smoothgrad-sq or vargrad");
    }

    /** Combines per-element sums of a and a² over {@code samples} copies. */
    double combine(double sum, double sumSq, int samples) {
        double mean = sum / samples, meanSq = sumSq / samples;
        switch (this) {
            case SMOOTHGRAD: return mean;
            case SMOOTHGRAD_SQ: return meanSq;
            default: return meanSq - mean * mean;
        }
    }
}
