package org.xai4j.explain.registry;

/**
 * An option an attribution method may take: its CLI flag, the Java type of its value, and how an absent
 * value (a null default) is described. The constants are in {@link MethodOptions}; options are compared
 * by identity.
 *
 * @param flag       the CLI name, e.g. {@code --steps}
 * @param type       the value's type
 * @param absentText what a null default means, for help texts and the README ("zeros", "none")
 */
public record MethodOption<T>(String flag, Class<T> type, String absentText) {
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return flag;
    }
}
