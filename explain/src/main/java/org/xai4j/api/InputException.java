package org.xai4j.api;

import java.nio.file.Path;

/**
 * Inputs (or a reference array: a baseline, the background rows) that the model or the method cannot
 * take: a shape that does not fit, a file whose contents the reader refuses (a text cell in a CSV, images
 * of different sizes, FASTA records of different lengths).
 */
public final class InputException extends XaiException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The model input or option the values were for. */
    private final String tensor;
    /** What would fit. */
    private final String expected;
    /** What was given. */
    private final String actual;

    /**
     * @param file     the data file at fault, or null for arrays given in memory
     * @param tensor   the model input (or option) the values were for, or null
     * @param expected what fits, e.g. {@code (N, 4)}; null when not one shape
     * @param actual   what was given, e.g. {@code (8, 3)}; null when not one shape
     * @param message  one line
     * @param cause    the reader's or engine's exception, or null
     */
    public InputException(Path file, String tensor, String expected, String actual, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.tensor = tensor;
        this.expected = expected;
        this.actual = actual;
    }

    /** {@return the data file at fault; null for arrays given in memory} */
    public Path file() {
        return file;
    }

    /** {@return the model input or option the values were for, e.g. {@code input}; may be null} */
    public String tensor() {
        return tensor;
    }

    /** {@return what would fit, e.g. {@code (N, 4)}; may be null} */
    public String expected() {
        return expected;
    }

    /** {@return what was given, e.g. {@code (8, 3)}; may be null} */
    public String actual() {
        return actual;
    }
}
