package org.xai4j.engine.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;

/**
 * PNGs against what torchvision 0.14 / PyTorch 1.13 / Pillow 9.4 make of them (resources/data/make_images.py):
 * ToTensor, Normalize, Resize on tensors (F.interpolate bilinear), convert('L') and convert('RGB').
 */
class ImageReaderTest {
    @TempDir
    Path tmp;

    static Path data(String name) throws Exception {
        return Path.of(ImageReaderTest.class.getResource("/data/" + name).toURI());
    }

    static ImageOptions imagenet(int[] resize) {
        return new ImageOptions(ImageOptions.Channels.RGB, resize, ImageOptions.IMAGENET_MEAN, ImageOptions.IMAGENET_STD);
    }

    static double maxAbs(float[] a, float[] b) {
        assertEquals(b.length, a.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs((double) a[i] - b[i]));
        return m;
    }

    @Test
    void toTensorAndNormalizeImagenetEqualTorchvision() throws Exception {
        HostArray got = ImageReader.read(List.of(data("rgb.png")), imagenet(null)).pixels();
        HostArray want = Npy.read(data("rgb_imagenet.npy"));
        assertArrayEquals(new int[] {1, 3, 7, 9}, got.shape());
        // the issue asks for 1e-6; the same float32 operations in the same order give the same bits
        assertArrayEquals(want.toFloatArray(), got.toFloatArray());
    }

    @Test
    void resizeMatchesInterpolateBilinear() throws Exception {
        for (int[] hw : new int[][] {{5, 4}, {11, 13}}) {
            HostArray got = ImageReader.read(List.of(data("rgb.png")), imagenet(hw)).pixels();
            HostArray want = Npy.read(data("rgb_resize_" + hw[0] + "x" + hw[1] + ".npy"));
            assertArrayEquals(want.shape(), got.shape());
            double err = maxAbs(got.toFloatArray(), want.toFloatArray());
            // measured: 1.07e-6 after Normalize (÷ 0.224), i.e. 2.4e-7 = 2 float32 ulps near 1 before it (see BilinearResize)
            assertTrue(err <= 1.5e-6, hw[0] + "x" + hw[1] + ": max |error| " + err);
            var plain = new ImageOptions(ImageOptions.Channels.RGB, hw, null, null);
            double raw = maxAbs(ImageReader.read(List.of(data("rgb.png")), plain).pixels().toFloatArray(),
                    Npy.read(data("rgb_resize_" + hw[0] + "x" + hw[1] + "_raw.npy")).toFloatArray());
            assertTrue(raw <= 2.4e-7, hw[0] + "x" + hw[1] + " before Normalize: max |error| " + raw);
        }
    }

    @Test
    void aJpegDecodesToPillowsPixels() throws Exception {
        // the JDK's baseline JPEG decoder and libjpeg (PIL) agree exactly on this 4:2:0, quality-90 file
        HostArray got = ImageReader.read(List.of(data("photo.jpg")), ImageOptions.DEFAULT).pixels();
        assertArrayEquals(new int[] {1, 3, 48, 64}, got.shape());
        assertArrayEquals(Npy.read(data("photo.npy")).toFloatArray(), got.toFloatArray());
    }

    @Test
    void grayIsPillowsIntegerLumaAndGrayFilesRepeatToRgb() throws Exception {
        var grayOf = new ImageOptions(ImageOptions.Channels.GRAY, null, null, null);
        HostArray g = ImageReader.read(List.of(data("rgba.png")), grayOf).pixels();
        assertArrayEquals(new int[] {1, 1, 6, 5}, g.shape());
        assertArrayEquals(Npy.read(data("rgba_gray.npy")).toFloatArray(), g.toFloatArray());

        HostArray rgb = ImageReader.read(List.of(data("gray.png")), ImageOptions.DEFAULT).pixels();
        assertArrayEquals(Npy.read(data("gray.npy")).toFloatArray(), rgb.toFloatArray());
        // a gray file read as gray: its own samples, not a colour-space conversion (getRGB would change them)
        float[] one = ImageReader.read(List.of(data("gray.png")), grayOf).pixels().toFloatArray();
        float[] first = java.util.Arrays.copyOf(rgb.toFloatArray(), one.length);
        assertArrayEquals(first, one);
    }

    @Test
    void paletteImagesGoThroughTheirPalette() throws Exception {
        HostArray got = ImageReader.read(List.of(data("palette.png")), ImageOptions.DEFAULT).pixels();
        assertArrayEquals(Npy.read(data("palette.npy")).toFloatArray(), got.toFloatArray());
    }

    @Test
    void bgrReversesTheChannelsAndAFolderIsReadInNameOrder() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("imgs"));
        Files.copy(data("rgb.png"), folder.resolve("b.png"));
        Files.copy(data("rgb_resize_5x4.npy"), folder.resolve("notes.npy")); // not an image: skipped
        Files.copy(data("rgba.png"), folder.resolve("a.png"));
        var opts = new ImageOptions(ImageOptions.Channels.BGR, new int[] {7, 9}, null, null);
        ImageBatch b = ImageReader.read(List.of(folder), opts);
        assertEquals(List.of(folder.resolve("a.png"), folder.resolve("b.png")), b.files());
        assertArrayEquals(new int[] {2, 3, 7, 9}, b.pixels().shape());
        float[] rgb = ImageReader.read(List.of(data("rgb.png")), ImageOptions.DEFAULT).pixels().toFloatArray();
        float[] bgr = b.pixels().toFloatArray();
        int plane = 63;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < plane; i++) assertEquals(rgb[k * plane + i], bgr[189 + (2 - k) * plane + i]);
        }
    }

    @Test
    void differentSizesWithoutResizeNameTheFile() throws Exception {
        var e = assertThrows(ImageFormatException.class,
                () -> ImageReader.read(List.of(data("rgb.png"), data("gray.png")), ImageOptions.DEFAULT));
        assertEquals(data("gray.png"), e.file());
        assertTrue(e.getMessage().contains("size 4x6") && e.getMessage().contains("7x9") && e.getMessage().contains("--resize"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNoImageIsRefusedByName() throws Exception {
        Path bad = Files.writeString(tmp.resolve("x.png"), "not a png");
        var e = assertThrows(ImageFormatException.class, () -> ImageReader.read(List.of(bad), ImageOptions.DEFAULT));
        assertEquals(bad, e.file());
    }

    @Test
    void normalizeParsesImagenetAndMeanSlashStd() {
        float[][] n = ImageOptions.parseNormalize("0.5,0.25,0.125/1,2,4");
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.125f}, n[0]);
        assertArrayEquals(new float[] {1, 2, 4}, n[1]);
        assertArrayEquals(ImageOptions.IMAGENET_STD, ImageOptions.parseNormalize("imagenet")[1]);
        assertThrows(IllegalArgumentException.class, () -> ImageOptions.parseNormalize("0.5,0.5"));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageOptions(ImageOptions.Channels.GRAY, null, ImageOptions.IMAGENET_MEAN, ImageOptions.IMAGENET_STD));
    }

    @Test
    void bilinearKnownAnswer() {
        // 2x2 -> 4x4, align_corners=False: source coordinates 0, 0.25, 0.75, 1 on each axis (edges clamp)
        float[] out = BilinearResize.resize(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3}, out);
    }
}
