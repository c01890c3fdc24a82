package org.xai4j.explain.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.xai4j.engine.io.AtomicFiles;

/** Writes a figure as SVG or PNG, chosen by the file's extension, atomically. */
public final class FigureFiles {
    private FigureFiles() {}

    /** Whether {@code file} names a format we write: .svg or .png. */
    public static boolean supported(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".svg") || n.endsWith(".png");
    }

    public static void write(Path file, Figure figure) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (n.endsWith(".svg")) bytes = figure.svg().getBytes(StandardCharsets.UTF_8);
        else if (n.endsWith(".png")) bytes = figure.png();
        else throw new IllegalArgumentException("a figure is written as .svg or .png, not " + file);
        writeBytes(file, bytes);
    }

    /** Writes bytes atomically (an HTML report, a figure). */
    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, ch -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
        });
    }

    /** {@code heat.png} with a part inserted before the extension: {@code heat.3.png}. */
    public static Path withPart(Path file, String part) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String named = dot < 0 ? n + "." + part : n.substring(0, dot) + "." + part + n.substring(dot);
        return file.resolveSibling(named);
    }
}
