package org.xai4j.explain.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xai4j.explain.AttributionMethod;

/**
 * One attribution method as the registry knows it: its CLI name (Captum's class name in kebab case),
 * family, the options it takes with its defaults, what it returns beside attributions, and how it is
 * built from option values.
 *
 * @param name    the CLI name, e.g. {@code layer-integrated-gradients}
 * @param family  Captum's family
 * @param params  the options it takes (not {@code --batch-size}, which all take; {@code --seed} only
 *                when it draws random numbers)
 * @param extras  what it can return besides the attributions
 * @param factory builds the method from option values
 */
public record MethodSpec(String name, MethodFamily family, List<Param<?>> params, Set<MethodExtra> extras, Factory factory) {
    /** Builds a method from option values. */
    @FunctionalInterface
    public interface Factory {
        AttributionMethod create(MethodArguments arguments);
    }

    public MethodSpec {
        params = List.copyOf(params);
        extras = Set.copyOf(extras);
    }

    /** The method's declaration of {@code option}, or null when it does not take it. */
    @SuppressWarnings("unchecked")
    public <T> Param<T> param(MethodOption<T> option) {
        for (Param<?> p : params) if (p.option() == option) return (Param<T>) p;
        return null;
    }

    public boolean takes(MethodOption<?> option) {
        return param(option) != null;
    }

    /** The flags of its own options, in declaration order. */
    public Set<String> flags() {
        Set<String> s = new LinkedHashSet<>();
        for (Param<?> p : params) s.add(p.option().flag());
        return s;
    }

    public boolean has(MethodExtra extra) {
        return extras.contains(extra);
    }

    /** Builds the method. */
    public AttributionMethod create(MethodArguments.Given given, org.xai4j.engine.nn.Model model, org.xai4j.engine.tensor.Tensor inputs) {
        return factory.create(new MethodArguments(this, given, model, inputs));
    }
}
