package org.xai4j.explain.gradient;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which {@link LrpRule} each {@link LrpLayerType} follows ({@code --lrp-rule linear=epsilon,conv=gamma}): as a
 * Captum user sets {@code layer.rule = GammaRule()} on modules, here per layer type; a type not named keeps
 * Captum's default, the epsilon rule. Immutable.
 */
public final class LrpLayerRules {
    /** Captum's defaults: the epsilon rule on every layer. */
    public static final LrpLayerRules CAPTUM_DEFAULTS = new LrpLayerRules(new EnumMap<>(LrpLayerType.class));

    private final EnumMap<LrpLayerType, LrpRule> chosen;

    private LrpLayerRules(EnumMap<LrpLayerType, LrpRule> chosen) {
        this.chosen = chosen;
    }

    /** These rules with {@code type} following {@code rule}. */
    public LrpLayerRules with(LrpLayerType type, LrpRule rule) {
        EnumMap<LrpLayerType, LrpRule> m = new EnumMap<>(chosen);
        m.put(type, rule);
        return new LrpLayerRules(m);
    }

    /** The same rule on every layer type. */
    public static LrpLayerRules everywhere(LrpRule rule) {
        EnumMap<LrpLayerType, LrpRule> m = new EnumMap<>(LrpLayerType.class);
        for (LrpLayerType t : LrpLayerType.values()) m.put(t, rule);
        return new LrpLayerRules(m);
    }

    /**
     * {@code TYPE=RULE[,TYPE=RULE...]}, e.g. {@code conv=gamma,linear=epsilon}; a lone RULE applies to every type.
     * An unknown type or rule, a layer type Captum gives no rule (relu), or a type named twice is refused.
     */
    public static LrpLayerRules parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--lrp-rule needs TYPE=RULE[,TYPE=RULE...], e.g. conv=gamma,linear=epsilon");
        if (!spec.contains("=")) return everywhere(LrpRule.parse(spec));
        EnumMap<LrpLayerType, LrpRule> m = new EnumMap<>(LrpLayerType.class);
        for (String part : spec.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("--lrp-rule: '" + part.trim() + "' is not TYPE=RULE (e.g. conv=gamma)");
            LrpLayerType type = LrpLayerType.parse(part.substring(0, eq));
            LrpRule rule = LrpRule.parse(part.substring(eq + 1));
            if (m.put(type, rule) != null) throw new IllegalArgumentException("--lrp-rule names " + type + " twice");
        }
        return new LrpLayerRules(m);
    }

    /** The rule of a layer type: the chosen one, else the epsilon rule. */
    public LrpRule ruleFor(LrpLayerType type) {
        return chosen.getOrDefault(type, LrpRule.EPSILON);
    }

    /** Whether any layer type follows {@code rule}. */
    public boolean uses(LrpRule rule) {
        for (LrpLayerType t : LrpLayerType.values()) if (ruleFor(t) == rule) return true;
        return false;
    }

    /** The choices, for equality in tests and the registry. */
    public Map<LrpLayerType, LrpRule> asMap() {
        EnumMap<LrpLayerType, LrpRule> m = new EnumMap<>(LrpLayerType.class);
        for (LrpLayerType t : LrpLayerType.values()) m.put(t, ruleFor(t));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LrpLayerRules other && asMap().equals(other.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    /** As the help and README show it: "epsilon on every layer", or the types that differ from it. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",");
        for (LrpLayerType t : LrpLayerType.values()) if (ruleFor(t) != LrpRule.EPSILON) j.add(t + "=" + ruleFor(t));
        return j.length() == 0 ? "epsilon on every layer" : j.toString();
    }
}
