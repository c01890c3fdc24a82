package org.xai4j.explain.registry;

import java.util.Arrays;
import org.xai4j.explain.gradient.Integration;

/**
 * An option as one method takes it: with that method's default (read from its {@code Options.defaults()}),
 * or required, with the reason shown when it is missing.
 *
 * @param option       the option
 * @param defaultValue its value when not given; null when absent means {@link MethodOption#absentText}
 * @param required     null, or why the method cannot run without it ("(their mean is the reference)")
 */
public record Param<T>(MethodOption<T> option, T defaultValue, String required) {
    public static <T> Param<T> of(MethodOption<T> option, T defaultValue) {
        return new Param<>(option, defaultValue, null);
    }

    /** An option without a default: the method refuses to run without it, saying {@code why}. */
    public static <T> Param<T> required(MethodOption<T> option, String why) {
        return new Param<>(option, null, why);
    }

    /** The default as the README and the help show it. */
    public String defaultText() {
        if (required != null) return "required";
        Object v = defaultValue;
        if (v == null) return option.absentText();
        if (v instanceof Integration i) return i.cliName();
        if (v instanceof Enum<?> e) return e.name().toLowerCase(java.util.Locale.ROOT);
        if (v instanceof int[] a) return String.join(",", Arrays.stream(a).mapToObj(Integer::toString).toList());
        return v.toString();
    }
}
