package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.gradient.AttributionWithDelta;
import org.xai4j.explain.gradient.IntegratedGradients;
import org.xai4j.explain.render.Heatmap;
import org.xai4j.explain.render.Raster;

/** xai report: a self-contained page whose predictions, deltas and pictures are the numbers xai computes elsewhere. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    static final Pattern IMAGE = Pattern.compile("<figure data-method=\"([a-z-]+)\">\\s*<svg[^>]*>.*?href=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"",
            Pattern.DOTALL);

    /** The report of the image CNN by four methods (the browser test opens the same page). */
    static Path imageReport(Path dir) {
        Path html = dir.resolve("report.html"), labels = dir.resolve("classes.txt");
        try {
            Files.writeString(labels, "circle\nsquare\ncross\nstripes\nnoise\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRunner.Result r = run("report", "--model", captum("image_cnn", "model.onnx").toString(), "--input",
                captum("image_cnn", "input.npy").toString(), "--methods", "saliency,integrated-gradients,grad-cam,occlusion",
                "--labels", labels.toString(), "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("xai: report: 4 method(s) on 2 row(s)"), r.err());
        return html;
    }

    @Test
    void imageReportIsSelfContainedAndHoldsTheComputedNumbers() throws Exception {
        String html = Files.readString(imageReport(tmp));
        // self-contained: no script, no stylesheet or image fetched from anywhere
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(Pattern.compile("(src|href)=\"(?!data:)").matcher(html).find(), "every reference is a data URI");
        assertEquals(8, html.split("<figure ", -1).length - 1, "4 methods x 2 rows");
        assertTrue(html.contains("opset: 13"), "the model summary of xai info");

        OnnxGraphModel m = OnnxModelLoader.load(captum("image_cnn", "model.onnx"));
        float[] x = read(captum("image_cnn", "input.npy"));
        Tensor input = Tensor.of(x, 2, 3, 32, 32);
        float[] out;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            out = m.forward(input).contiguous().toArray();
        }
        String[] names = {"circle", "square", "cross", "stripes", "noise"};
        for (int row = 0; row < 2; row++) {
            int best = 0;
            for (int k = 1; k < 5; k++) if (out[row * 5 + k] > out[row * 5 + best]) best = k;
            String p = String.format(Locale.ROOT, "explained: class %d '%s' (output %.4g)", best, names[best], out[row * 5 + best]);
            assertTrue(html.contains(p), p);
        }
        // integrated gradients' convergence delta per row, as the API computes it
        AttributionWithDelta ig = new IntegratedGradients().attributeWithDelta(m, input, org.xai4j.explain.Targets.argmax(Tensor.of(out, 2, 5)));
        for (int row = 0; row < 2; row++) {
            assertTrue(html.contains(String.format(Locale.ROOT, "convergence delta %.3g", ig.delta()[row])), "delta of row " + row);
        }
        // row 0's saliency picture: the heatmap of xai explain's saliency, 32 px enlarged 4 times
        Path sal = tmp.resolve("s.npy");
        assertEquals(0, run("explain", "--model", captum("image_cnn", "model.onnx").toString(), "--input",
                captum("image_cnn", "input.npy").toString(), "--method", "saliency", "--out", sal.toString()).code());
        Matcher mm = IMAGE.matcher(html);
        assertTrue(mm.find());
        assertEquals("saliency", mm.group(1));
        Raster shown = Raster.readPng(Base64.getDecoder().decode(mm.group(2)));
        Raster expected = Heatmap.render(java.util.Arrays.copyOf(read(sal), 3 * 32 * 32), 3, 32, 32, null, Heatmap.Options.defaults()).scaled(4);
        assertEquals(expected.width(), shown.width());
        for (int y = 0; y < shown.height(); y += 3) for (int xx = 0; xx < shown.width(); xx += 3) assertEquals(expected.argb(xx, y), shown.argb(xx, y));
    }

    @Test
    void tabularReportHasWaterfallsAndSummaries() throws Exception {
        Path html = tmp.resolve("iris.html");
        CliRunner.Result r = run("report", "--model", captum("iris_mlp", "model.onnx").toString(), "--input",
                captum("iris_mlp", "input.npy").toString(), "--methods", "shapley-exact,saliency,linear-shap", "--out", html.toString());
        // linear-shap refuses the nonlinear MLP: the report fails with its one-line reason
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("linear"), r.err());
        assertFalse(Files.exists(html));
        r = run("report", "--model", captum("iris_mlp", "model.onnx").toString(), "--input",
                captum("iris_mlp", "input.npy").toString(), "--methods", "shapley-exact,saliency", "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        String doc = Files.readString(html);
        assertEquals(6 * 2 + 2, doc.split("<figure ", -1).length - 1, "2 methods x 6 rows, and a summary per method");
        assertEquals(6, doc.split("E\\[f\\(X\\)\\] = ", -1).length - 1, "a waterfall per row for shapley-exact");
        r = run("report", "--model", captum("iris_mlp", "model.onnx").toString(), "--input",
                captum("iris_mlp", "input.npy").toString(), "--methods", "saliency,magic", "--out", html.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown method 'magic'"), r.err());
    }

    @Test
    void twentyMethodsDrawnWellUnderFiveSeconds() throws Exception {
        Path html = tmp.resolve("all.html");
        String methods = "saliency,input-x-gradient,integrated-gradients,smoothgrad,smoothgrad-sq,vargrad,guided-backprop,"
                + "deconvolution,deeplift,gradient-shap,cam,grad-cam,grad-cam-plus-plus,guided-grad-cam,occlusion,"
                + "feature-ablation,feature-permutation,shapley-sampling,kernel-shap,lime";
        CliRunner.Result r = run("report", "--model", captum("image_cnn", "model.onnx").toString(), "--input",
                captum("image_cnn", "input.npy").toString(), "--methods", methods, "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        String doc = Files.readString(html);
        assertEquals(40, doc.split("<figure ", -1).length - 1, "20 methods x 2 rows");
        for (String m : methods.split(",")) assertTrue(doc.contains("<tr><td>" + m + "</td>"), m);
        assertTrue(doc.contains("4x4-pixel blocks as features") && doc.contains("window 3,4,4, stride 3,2,2"), "the settings added are shown");
        // the budget: drawing and writing the page within 5 s beyond the attributions' own time
        Matcher t = Pattern.compile("drawing and writing ([\\d.]+) s").matcher(r.err());
        assertTrue(t.find(), r.err());
        assertTrue(Double.parseDouble(t.group(1)) < 5, r.err());
    }
}
