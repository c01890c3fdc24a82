package org.xai4j.api;

/**
 * Why an explanation could not be made, as a typed exception carrying the facts (the subclasses add the
 * file, node, tensor or option, and what was expected against what was found). The API never prints and
 * never exits the JVM; the message is one line, as the CLI's {@code xai: ...} errors.
 */
public class XaiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line saying what is wrong
     * @param cause   the engine's exception, or null
     */
    public XaiException(String message, Throwable cause) {
        super(message, cause);
    }
}
