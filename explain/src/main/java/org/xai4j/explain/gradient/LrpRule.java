package org.xai4j.explain.gradient;

import java.util.Locale;

/**
 * The propagation rules of Captum 0.7's {@code captum.attr._utils.lrp_rules}, by the name {@code --lrp-rule}
 * gives them. Each divides a layer's relevance by its output z' = a·W' + b' (stabilized: z' + ε·sign z', sign 0
 * counting as 1) and hands input i the share a_i·w'_ij (Montavon et al., "Layer-Wise Relevance Propagation: An
 * Overview", 2019, eqs. 4-7); they differ in the weights W' and the ε.
 */
public enum LrpRule {
    /** {@code EpsilonRule(epsilon)}: W' = W, ε = {@code --epsilon} (Captum's default 1e-9). */
    EPSILON("epsilon", "EpsilonRule"),
    /** {@code GammaRule(gamma, set_bias_to_zero)}: W' = W + γ·max(W, 0) (γ = {@code --gamma}, 0.25), ε = 1e-9. */
    GAMMA("gamma", "GammaRule"),
    /** {@code Alpha1_Beta0_Rule(set_bias_to_zero)}, the z+ rule: W' = max(W, 0), ε = 1e-9. */
    ALPHA1_BETA0("alpha1-beta0", "Alpha1_Beta0_Rule");

    /** Captum's {@code PropagationRule.STABILITY_FACTOR}, the ε of the gamma and z+ rules (not settable there either). */
    public static final double STABILITY_FACTOR = 1e-9;

    private final String cliName;
    private final String captumName;

    LrpRule(String cliName, String captumName) {
        this.cliName = cliName;
        this.captumName = captumName;
    }

    /** The name {@code --lrp-rule} takes. */
    public String cliName() {
        return cliName;
    }

    /** Captum's class name. */
    public String captumName() {
        return captumName;
    }

    /** The rule named {@code name}: its CLI name, Captum's class name, or z+ for alpha1-beta0 (case-insensitive). */
    public static LrpRule parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("z+") || n.equals("zplus") || n.equals("z-plus")) return ALPHA1_BETA0;
        for (LrpRule r : values()) {
            if (r.cliName.equals(n) || r.captumName.toLowerCase(Locale.ROOT).equals(n)) return r;
        }
        throw new IllegalArgumentException("unknown LRP rule '" + name.trim() + "'; known: epsilon, gamma, alpha1-beta0 (z+)");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
