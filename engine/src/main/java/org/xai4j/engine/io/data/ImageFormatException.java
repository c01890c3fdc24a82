package org.xai4j.engine.io.data;

import java.nio.file.Path;

/** An image that cannot join the batch: unreadable, an unsupported pixel format, or a size unlike the first image's. */
public final class ImageFormatException extends DataFileException {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(Path file, String problem) {
        super(file, problem);
    }
}
