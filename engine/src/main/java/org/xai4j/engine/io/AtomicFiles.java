package org.xai4j.engine.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * All-or-nothing file writes: the content goes to a temporary file in the target's directory, is flushed
 * to disk, then renamed over the target in one step. A failed or interrupted write leaves the old target
 * (or no target) and no temporary file behind.
 */
public final class AtomicFiles {
    private static final int CREATE_ATTEMPTS = 100;

    private AtomicFiles() {}

    /** Writes a file's whole content to a channel. */
    @FunctionalInterface
    public interface ContentWriter {
        void write(FileChannel channel) throws IOException;
    }

    /** Replaces {@code target} by the bytes {@code content} writes, atomically: readers see the old or the new file, never a part. */
    public static void write(Path target, ContentWriter content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            // a device (/dev/full), FIFO, socket or folder: renaming over it would replace the node itself
            throw new IOException(target + ": exists and is not a regular file; not replaced");
        }
        Path dir = absolute.getParent();
        Path temp = null;
        boolean moved = false;
        try {
            temp = createTemp(dir, absolute.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.write(channel);
                channel.force(true); // the data must be on disk before the rename makes it visible
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (a few network mounts) cannot rename atomically; a plain replace is the best left.
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException e) {
            // the temporary file is ours, not the user's: the message names the output they asked for
            throw new IOException(target + ": cannot write (" + reason(e) + ")", e);
        } finally {
            if (!moved && temp != null) deleteQuietly(temp);
        }
    }

    /** Why a write failed, without the temporary file's name (e.g. "Read-only file system", "No space left on device"). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof java.nio.file.FileSystemException) return e.getClass().getSimpleName();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
    }

    // Files.createTempFile would give the file owner-only permissions; createFile keeps the usual umask,
    // so the result is as readable as any file the user writes.
    private static Path createTemp(Path dir, String name) throws IOException {
        String stem = name.length() > 200 ? name.substring(0, 200) : name; // stay under the 255-byte name limit
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
            Path temp = dir.resolve("." + stem + "." + suffix + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= CREATE_ATTEMPTS) throw e;
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write already failed; that failure is the one to report.
        }
    }
}
