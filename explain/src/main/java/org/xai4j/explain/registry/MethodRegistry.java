package org.xai4j.explain.registry;

import static org.xai4j.explain.registry.MethodOptions.BASE_METHOD;
import static org.xai4j.explain.registry.MethodOptions.SEED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xai4j.explain.perturbation.BatchedForward;

/**
 * Every attribution method, by its CLI name: the one list that {@code xai explain} parses, checks and
 * documents its methods from, and that Java code builds methods through. A new method adds its
 * registration in {@link MethodCatalogue} (one line calling its class's {@code SPEC}, or a spec written there).
 */
public final class MethodRegistry {
    /** Model inputs per pass when --batch-size is not given (every method's {@code Options.defaults()}). */
    public static final int DEFAULT_BATCH_SIZE = BatchedForward.DEFAULT_BATCH_SIZE;

    /**
     * Options every method accepts beside its own: --batch-size, and --seed so that one script can pass
     * the same seed to every method (issues 4 and 5); the deterministic methods ignore it.
     */
    public static final Set<MethodOption<?>> COMMON = Set.of(MethodOptions.BATCH_SIZE, SEED);

    private static final Map<String, MethodSpec> METHODS = new LinkedHashMap<>();

    static {
        for (MethodSpec s : MethodCatalogue.all()) {
            if (METHODS.put(s.name(), s) != null) throw new IllegalStateException("method registered twice: " + s.name());
        }
    }

    private MethodRegistry() {}

    /** All methods, in the order the help and the README list them. */
    public static List<MethodSpec> all() {
        return List.copyOf(METHODS.values());
    }

    /** The CLI names, in order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(METHODS.keySet());
    }

    /** The method named {@code name} (or one of its aliases), or null. */
    public static MethodSpec find(String name) {
        return METHODS.get(MethodCatalogue.ALIASES.getOrDefault(name, name));
    }

    /** The other names of the method named {@code name} (layer-grad-cam for grad-cam), sorted. */
    public static List<String> aliasesOf(String name) {
        return MethodCatalogue.ALIASES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).sorted().toList();
    }

    /** The method named {@code name}; an error listing the known names when there is none. */
    public static MethodSpec get(String name) {
        MethodSpec s = find(name);
        if (s == null) throw new OptionValueException("--method", "unknown method '" + name + "'; known: " + String.join(", ", names()));
        return s;
    }

    /** The methods a noise tunnel may wrap: the gradient methods whose output is shaped like the input. */
    public static List<String> noiseBases() {
        return MethodCatalogue.NOISE_BASES;
    }

    /** A noise tunnel's base method, checked; {@code name} null means the default (saliency). */
    public static MethodSpec noiseBase(String name) {
        String base = name == null ? MethodCatalogue.DEFAULT_NOISE_BASE : name;
        if (!noiseBases().contains(base)) {
            throw new OptionValueException(BASE_METHOD.flag(), "--base-method must be a gradient method ("
                    + String.join(", ", noiseBases()) + "), got '" + base + "'");
        }
        return METHODS.get(base);
    }

    /**
     * The flags {@code spec} takes beyond {@link #COMMON} (the "it takes" of a refusal): its own, those of a
     * noise tunnel's base method, and --delta-out for a method that returns a convergence delta (a noise
     * tunnel does not, whatever its base).
     */
    public static Set<String> acceptedFlags(MethodSpec spec, String baseMethod) {
        Set<String> all = new TreeSet<>(spec.flags());
        if (spec.family() == MethodFamily.NOISE_TUNNEL) {
            all.addAll(noiseBase(baseMethod).flags());
        } else if (spec.has(MethodExtra.CONVERGENCE_DELTA)) {
            all.add(DELTA_OUT);
        }
        return all;
    }

    /** The CLI flag that writes a method's convergence delta. */
    public static final String DELTA_OUT = "--delta-out";

    /** The flags of every option of every method, with the common ones, in no order. */
    public static Set<String> allFlags() {
        Set<String> s = new TreeSet<>();
        for (MethodSpec m : METHODS.values()) s.addAll(acceptedFlagsUnchecked(m));
        for (MethodOption<?> o : COMMON) s.add(o.flag());
        return s;
    }

    private static Set<String> acceptedFlagsUnchecked(MethodSpec m) {
        List<String> l = new ArrayList<>(m.flags());
        if (m.has(MethodExtra.CONVERGENCE_DELTA)) l.add(DELTA_OUT);
        return new TreeSet<>(l);
    }

}
