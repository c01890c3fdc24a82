package org.xai4j.engine.io;

import java.io.IOException;

/** A .npy file that is not a valid array we can read; the one-line message names the file, expected and actual. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String file, String problem) {
        super(file + ": " + Messages.oneLine(problem));
    }
}
