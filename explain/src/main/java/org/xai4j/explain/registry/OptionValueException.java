package org.xai4j.explain.registry;

/** A value (or the absence of one) that a method cannot take: the user's to fix, naming the option. */
public final class OptionValueException extends IllegalArgumentException {
    private final String flag;

    public OptionValueException(String flag, String message) {
        super(message);
        this.flag = flag;
    }

    /** The option at fault, e.g. {@code --window}. */
    public String flag() {
        return flag;
    }
}
