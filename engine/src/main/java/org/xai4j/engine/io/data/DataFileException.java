package org.xai4j.engine.io.data;

import java.io.IOException;
import java.nio.file.Path;
import org.xai4j.engine.io.Messages;

/**
 * A CSV, image or FASTA file whose contents cannot become an array: the file is there, but what it holds
 * is not what the reader takes (a text cell in a numeric column, images of different sizes, sequences of
 * different lengths). The one-line message names the file and where in it; the subclasses carry the
 * same facts as fields, so a caller can act on them without parsing the message.
 */
public abstract class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    protected DataFileException(Path file, String problem) {
        super(file + ": " + Messages.oneLine(problem));
        this.file = file;
    }

    /** The file at fault (for a folder of images, the image). */
    public Path file() {
        return file;
    }
}
