package org.xai4j.engine.io;

import java.io.IOException;

/** A safetensors file that is not valid; the one-line message names the file (and tensor), expected and actual. */
public final class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String file, String problem) {
        super(file + ": " + Messages.oneLine(problem));
    }
}
