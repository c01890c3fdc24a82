package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.explain.render.ColorMap;
import org.xai4j.explain.render.Heatmap;
import org.xai4j.explain.render.HeatmapMethod;
import org.xai4j.explain.render.Raster;
import org.xai4j.explain.render.VisualizeSign;

/** xai explain --plot: the pictures drawn from the attributions it wrote, pixel by pixel. */
class ExplainPlotTest {
    @TempDir
    Path tmp;

    static final int ROWS = 2, C = 3, H = 32, W = 32, FACTOR = 4; // 32 px enlarged to 128

    @Test
    void heatmapPerRowFromTheWrittenAttributions() throws Exception {
        Path out = tmp.resolve("a.npy"), png = tmp.resolve("heat.png");
        CliRunner.Result r = run("explain", "--model", captum("image_cnn", "model.onnx").toString(), "--input",
                captum("image_cnn", "input.npy").toString(), "--method", "saliency", "--out", out.toString(), "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        float[] a = read(out);
        for (int row = 0; row < ROWS; row++) {
            Raster img = Raster.readPng(Files.readAllBytes(tmp.resolve("heat." + row + ".png")));
            assertEquals(W * FACTOR, img.width());
            // the pixel with the largest channel sum is past the 98% cumulative threshold: the map's top colour
            float[] summed = new float[H * W];
            for (int c = 0; c < C; c++) for (int p = 0; p < H * W; p++) summed[p] += a[((row * C) + c) * H * W + p];
            int max = 0, min = 0;
            for (int p = 0; p < summed.length; p++) {
                if (summed[p] > summed[max]) max = p;
                if (summed[p] < summed[min]) min = p;
            }
            assertEquals(ColorMap.BLUE_YELLOW.argb(1), img.argb((max % W) * FACTOR + 1, (max / W) * FACTOR + 2));
            // every pixel as the renderer draws the row (itself tested against hand-computed values)
            Raster expected = Heatmap.render(Arrays.copyOfRange(a, row * C * H * W, (row + 1) * C * H * W), C, H, W, null,
                    Heatmap.Options.defaults());
            for (int p = 0; p < H * W; p += 7) {
                assertEquals(expected.argb(p % W, p / W), img.argb((p % W) * FACTOR + 3, (p / W) * FACTOR + 3), "pixel " + p);
            }
            assertTrue(summed[min] >= 0); // saliency is |gradient|
        }
    }

    @Test
    void blendedOverTheInputSignedAndGridded() throws Exception {
        Path out = tmp.resolve("a.npy"), svg = tmp.resolve("grid.svg"), png = tmp.resolve("one.png");
        String input = captum("image_cnn", "input.npy").toString();
        CliRunner.Result r = run("explain", "--model", captum("image_cnn", "model.onnx").toString(), "--input", input,
                "--method", "input-x-gradient", "--out", out.toString(), "--plot", svg.toString(), "--grid", "--overlay", input, "--sign", "all");
        assertEquals(0, r.code(), r.err());
        String doc = Files.readString(svg);
        assertEquals(2, doc.split("<image ", -1).length - 1, "one heatmap per row in the grid");
        assertTrue(doc.contains("input-x-gradient, row 1, target"), doc.substring(0, 400));
        // a single row, PNG: blended = half the diverging colour, half the min-max scaled grey of the image
        Path one = tmp.resolve("x1.npy");
        float[] x = read(captum("image_cnn", "input.npy"));
        org.xai4j.engine.io.Npy.write(one, org.xai4j.engine.io.HostArray.ofFloat(new int[] {1, C, H, W}, Arrays.copyOf(x, C * H * W)));
        Path out1 = tmp.resolve("a1.npy");
        r = run("explain", "--model", captum("image_cnn", "model.onnx").toString(), "--input", one.toString(),
                "--method", "input-x-gradient", "--out", out1.toString(), "--plot", png.toString(), "--overlay", one.toString(),
                "--sign", "all", "--outlier-perc", "10");
        assertEquals(0, r.code(), r.err());
        Raster img = Raster.readPng(Files.readAllBytes(png));
        Raster expected = Heatmap.render(read(out1), C, H, W, Heatmap.image(Arrays.copyOf(x, C * H * W), C, H, W),
                new Heatmap.Options(HeatmapMethod.BLENDED_HEAT_MAP, VisualizeSign.ALL, 10, null));
        for (int p = 0; p < H * W; p += 5) assertEquals(expected.argb(p % W, p / W), img.argb((p % W) * FACTOR, (p / W) * FACTOR));
    }

    @Test
    void badPlotOptionsAreUsageErrors() {
        String model = captum("image_cnn", "model.onnx").toString(), input = captum("image_cnn", "input.npy").toString();
        String out = tmp.resolve("a.npy").toString();
        CliRunner.Result r = run("explain", "--model", model, "--input", input, "--method", "saliency", "--out", out,
                "--plot", tmp.resolve("h.jpg").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--plot") && r.err().contains(".png or .svg"), r.err());
        r = run("explain", "--model", model, "--input", input, "--method", "saliency", "--out", out,
                "--plot", tmp.resolve("h.png").toString(), "--heatmap", "masked_image", "--overlay", input, "--sign", "all");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("masked_image cannot show sign all"), r.err());
        r = run("explain", "--model", model, "--input", input, "--method", "saliency", "--out", out,
                "--plot", tmp.resolve("h.png").toString(), "--cmap", "jet");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown colour map 'jet'"), r.err());
        assertTrue(!Files.exists(tmp.resolve("a.npy")), "nothing written on a usage error");
    }

    @Test
    void logoOfTheDnaModelShowsThePresentBasesScaled() throws Exception {
        Path out = tmp.resolve("a.npy"), svg = tmp.resolve("logo.svg");
        Path input = captum("dna_cnn", "input.npy");
        CliRunner.Result r = run("explain", "--model", captum("dna_cnn", "model.onnx").toString(), "--input", input.toString(),
                "--method", "saliency", "--out", out.toString(), "--plot", svg.toString(), "--grid");
        assertEquals(0, r.code(), r.err());
        float[] a = read(out), x = read(input);
        String doc = Files.readString(svg);
        // one letter per position per row, the present base's (saliency is |gradient| > 0 almost everywhere)
        int nonzero = 0;
        for (int i = 0; i < a.length; i++) if (a[i] * x[i] != 0) nonzero++;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<path d=\"([^\"]+)\" fill=\"#(109648|255c99|f7b32b|d62839)\"/>").matcher(doc);
        double tallest = 0;
        int letters = 0;
        while (m.find()) {
            letters++;
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            String[] nums = m.group(1).replaceAll("[MLQCZ]", " ").trim().split("\\s+");
            for (int k = 1; k < nums.length; k += 2) {
                lo = Math.min(lo, Double.parseDouble(nums[k]));
                hi = Math.max(hi, Double.parseDouble(nums[k]));
            }
            tallest = Math.max(tallest, hi - lo);
        }
        assertEquals(nonzero, letters);
        assertTrue(nonzero > 3 * 101, "nearly every position of the 4 rows");
        assertEquals(50, tallest, 0.02, "each row's largest value fills half a line");
    }

    @Test
    void oneDimensionalGradCamIsAStrip() throws Exception {
        Path out = tmp.resolve("cam.npy"), png = tmp.resolve("cam.png");
        CliRunner.Result r = run("explain", "--model", captum("dna_cnn", "model.onnx").toString(), "--input",
                captum("dna_cnn", "input.npy").toString(), "--method", "grad-cam", "--layer", "auto", "--out", out.toString(),
                "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        int[] shape = CliRunner.shape(out); // (4, 1, L') at the layer's resolution
        assertEquals(3, shape.length);
        assertEquals(1, shape[1]);
        Raster img = Raster.readPng(Files.readAllBytes(tmp.resolve("cam.0.png")));
        int factor = (128 + shape[2] - 1) / shape[2];
        assertEquals(shape[2] * factor, img.width());
        assertEquals(Math.max(factor, 24), img.height());
        float[] a = read(out);
        Raster expected = Heatmap.render(Arrays.copyOf(a, shape[2]), 1, 1, shape[2], null, Heatmap.Options.defaults());
        for (int j = 0; j < shape[2]; j++) assertEquals(expected.argb(j, 0), img.argb(j * factor, img.height() - 1));
    }
}
