package org.xai4j.api;

/**
 * A method name the registry does not know, an option the method does not take, or a value it refuses
 * (one integration step for a Riemann rule, a window larger than the input, a layer not in the model).
 */
public final class OptionException extends XaiException {
    private static final long serialVersionUID = 1L;

    /** The method's name as given. */
    private final String method;
    /** The option's flag. */
    private final String option;

    /**
     * @param method  the method's registry name, e.g. {@code integrated-gradients}
     * @param option  the option's CLI flag, e.g. {@code --steps}; null for the method name itself
     * @param message one line
     * @param cause   the registry's or method's exception, or null
     */
    public OptionException(String method, String option, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.option = option;
    }

    /** {@return the method's name as given} */
    public String method() {
        return method;
    }

    /** {@return the option at fault as its CLI flag ({@code --window}); null when the method name is} */
    public String option() {
        return option;
    }
}
