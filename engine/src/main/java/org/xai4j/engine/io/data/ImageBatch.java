package org.xai4j.engine.io.data;

import java.nio.file.Path;
import java.util.List;
import org.xai4j.engine.io.HostArray;

/** Images read into one float32 (N, C, H, W) batch, with the files in batch order (a folder's sorted by name). */
public record ImageBatch(List<Path> files, HostArray pixels) {
    public ImageBatch {
        files = List.copyOf(files);
    }
}
