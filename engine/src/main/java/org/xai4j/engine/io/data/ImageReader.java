package org.xai4j.engine.io.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.xai4j.engine.io.HostArray;

/**
 * Reads PNG and JPEG images into a float32 (N, C, H, W) batch as torchvision's {@code ToTensor()} makes
 * them from PIL images: 8-bit samples divided by 255. The raster's samples are read directly, never
 * through {@code BufferedImage.getRGB}, which converts gray images through the linear-gray colour space;
 * a palette image's indices are looked up in its palette (PIL's {@code convert('RGB')}); an alpha channel
 * is dropped, as {@code convert('RGB')} drops it. Gray output from colour pixels is PIL's
 * {@code convert('L')}: {@code (19595 R + 38470 G + 7471 B + 0x8000) >> 16} (ITU-R 601-2 luma in 16-bit
 * fixed point), then /255. Then, as {@link ImageOptions} says, resizing ({@link BilinearResize}) and
 * normalization. PNG pixels are exactly PIL's; JPEG decoding is the JDK's, whose inverse DCT and chroma
 * upsampling may differ from libjpeg's by a level or so in a few pixels.
 */
public final class ImageReader {
    private ImageReader() {}

    /** True for a file name the reader takes: .png, .jpg, .jpeg (any case). */
    public static boolean isImage(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** The image files: each file as given, each folder replaced by its images sorted by file name. */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> inFolder;
                try (Stream<Path> s = Files.list(p)) {
                    inFolder = s.filter(f -> Files.isRegularFile(f) && isImage(f))
                            .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
                }
                if (inFolder.isEmpty()) throw new ImageFormatException(p, "the folder holds no .png, .jpg or .jpeg file");
                files.addAll(inFolder);
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /** The images of {@code paths} (files, or folders of images sorted by name) as one batch. */
    public static ImageBatch read(List<Path> paths, ImageOptions options) throws IOException {
        List<Path> files = expand(paths);
        int c = options.channels().count();
        int h = -1, w = -1;
        Path first = null;
        float[][] images = new float[files.size()][];
        for (int n = 0; n < files.size(); n++) {
            Path f = files.get(n);
            BufferedImage img = decode(f);
            float[] x = toTensor(f, img, options.channels());
            int ih = img.getHeight(), iw = img.getWidth();
            if (options.resize() != null) {
                int oh = options.resize()[0], ow = options.resize()[1];
                if (oh != ih || ow != iw) {
                    float[] r = new float[c * oh * ow];
                    for (int k = 0; k < c; k++) {
                        float[] plane = new float[ih * iw];
                        System.arraycopy(x, k * ih * iw, plane, 0, ih * iw);
                        System.arraycopy(BilinearResize.resize(plane, ih, iw, oh, ow), 0, r, k * oh * ow, oh * ow);
                    }
                    x = r;
                }
                ih = oh;
                iw = ow;
            }
            if (first == null) {
                first = f;
                h = ih;
                w = iw;
            } else if (ih != h || iw != w) {
                throw new ImageFormatException(f, "size " + ih + "x" + iw + " (HxW), but " + first + " is " + h + "x" + w
                        + "; images of one batch need one size (--resize H,W resizes them)");
            }
            if (options.mean() != null) normalize(x, c, ih * iw, options.mean(), options.std());
            images[n] = x;
        }
        long size = (long) files.size() * c * h * w;
        if (size > HostArray.MAX_ELEMENTS) throw new ImageFormatException(first, "the batch is too large: " + size + " values");
        float[] all = new float[(int) size];
        int per = c * h * w;
        for (int n = 0; n < images.length; n++) System.arraycopy(images[n], 0, all, n * per, per);
        return new ImageBatch(files, HostArray.ofFloat(new int[] {files.size(), c, h, w}, all));
    }

    private static BufferedImage decode(Path f) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(f, "cannot decode the image: " + e.getMessage());
        }
        if (img == null) throw new ImageFormatException(f, "not a PNG or JPEG image the JDK can decode");
        return img;
    }

    /** The image as (C, H, W) floats in [0, 1]: ToTensor on PIL's {@code convert('RGB')} or {@code convert('L')}. */
    private static float[] toTensor(Path f, BufferedImage img, ImageOptions.Channels channels) throws ImageFormatException {
        int h = img.getHeight(), w = img.getWidth();
        Raster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        int bands = raster.getNumBands();
        int[][] rgb = new int[3][h * w];
        boolean gray;
        if (cm instanceof IndexColorModel palette) {
            int[] idx = raster.getSamples(0, 0, w, h, 0, new int[h * w]);
            for (int i = 0; i < idx.length; i++) {
                rgb[0][i] = palette.getRed(idx[i]);
                rgb[1][i] = palette.getGreen(idx[i]);
                rgb[2][i] = palette.getBlue(idx[i]);
            }
            gray = false;
        } else {
            for (int b = 0; b < bands; b++) {
                int bits = raster.getSampleModel().getSampleSize(b);
                if (bits != 8) {
                    throw new ImageFormatException(f, bits + "-bit samples; the reader takes 8-bit images (convert it, e.g. with PIL)");
                }
            }
            gray = bands <= 2; // gray, or gray + alpha
            if (!gray && bands != 3 && bands != 4) {
                throw new ImageFormatException(f, bands + " colour bands; the reader takes gray, gray+alpha, RGB and RGBA images");
            }
            if (cm.getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_RGB
                    && cm.getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_GRAY) {
                throw new ImageFormatException(f, "a colour space other than RGB or gray (CMYK?); convert it to RGB first");
            }
            for (int k = 0; k < (gray ? 1 : 3); k++) raster.getSamples(0, 0, w, h, k, rgb[k]);
            if (gray) {
                rgb[1] = rgb[0];
                rgb[2] = rgb[0];
            }
        }
        int plane = h * w;
        float[] out = new float[channels.count() * plane];
        switch (channels) {
            case RGB, BGR -> {
                for (int k = 0; k < 3; k++) {
                    int dst = channels == ImageOptions.Channels.RGB ? k : 2 - k;
                    for (int i = 0; i < plane; i++) out[dst * plane + i] = rgb[k][i] / 255f;
                }
            }
            case GRAY -> {
                for (int i = 0; i < plane; i++) {
                    int l = gray ? rgb[0][i] : (19595 * rgb[0][i] + 38470 * rgb[1][i] + 7471 * rgb[2][i] + 0x8000) >> 16;
                    out[i] = l / 255f;
                }
            }
        }
        return out;
    }

    /** torchvision's {@code Normalize}: (x - mean[c]) / std[c] in float32, one value broadcast over all channels. */
    private static void normalize(float[] x, int channels, int plane, float[] mean, float[] std) {
        for (int k = 0; k < channels; k++) {
            float m = mean[mean.length == 1 ? 0 : k], s = std[std.length == 1 ? 0 : k];
            for (int i = k * plane; i < (k + 1) * plane; i++) x[i] = (x[i] - m) / s;
        }
    }
}
