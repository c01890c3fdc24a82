package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.explain.render.Heatmap;
import org.xai4j.explain.render.Raster;

/**
 * xai report with neuron methods: they explain the unit of the report's --neuron-layer/--neuron-index and draw
 * what xai explain computes for it; without a unit they are skipped, with the reason in the page and on stderr.
 */
class ReportNeuronMethodsTest {
    @TempDir
    Path tmp;

    private static final String LAYER = "/r1/Relu_output_0";

    private static String[] report(Path html, String methods, String... more) {
        String[] base = {"report", "--model", captum("image_cnn_layers", "model.onnx").toString(), "--input",
                captum("image_cnn_layers", "input.npy").toString(), "--methods", methods, "--out", html.toString()};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void neuronMethodsDrawTheirUnitsAttributions() throws Exception {
        Path html = tmp.resolve("neuron.html");
        CliRunner.Result r = run(report(html, "neuron-gradient,neuron-integrated-gradients", "--neuron-layer", LAYER, "--neuron-index", "2,5,7"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("xai: report: 2 method(s) on 2 row(s)"), r.err());
        String doc = Files.readString(html);
        assertEquals(4, doc.split("<figure ", -1).length - 1, "2 methods x 2 rows");
        assertTrue(doc.contains("unit 2,5,7 of " + LAYER), "the unit is listed beside the method");
        // row 0's neuron-gradient picture is the heatmap of xai explain's neuron-gradient for the same unit
        Path explained = tmp.resolve("ng.npy");
        assertEquals(0, run("explain", "--model", captum("image_cnn_layers", "model.onnx").toString(), "--input",
                captum("image_cnn_layers", "input.npy").toString(), "--method", "neuron-gradient", "--neuron-layer", LAYER,
                "--neuron-index", "2,5,7", "--out", explained.toString()).code());
        Matcher m = ReportCommandTest.IMAGE.matcher(doc);
        assertTrue(m.find());
        assertEquals("neuron-gradient", m.group(1));
        Raster shown = Raster.readPng(Base64.getDecoder().decode(m.group(2)));
        int factor = shown.width() / 16;
        Raster expected = Heatmap.render(Arrays.copyOf(read(explained), 3 * 16 * 16), 3, 16, 16, null, Heatmap.Options.defaults()).scaled(factor);
        assertEquals(expected.width(), shown.width());
        for (int y = 0; y < shown.height(); y += 3) for (int x = 0; x < shown.width(); x += 3) assertEquals(expected.argb(x, y), shown.argb(x, y));
    }

    @Test
    void withoutAUnitTheyAreSkippedWithTheReason() throws Exception {
        Path html = tmp.resolve("skipped.html");
        CliRunner.Result r = run(report(html, "saliency,neuron-gradient"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("xai: report: neuron-gradient skipped: a neuron method needs the unit it explains: "
                + "give xai report --neuron-layer NAME --neuron-index I,J,.."), r.err());
        assertTrue(r.err().contains("xai: report: 1 method(s) (1 skipped) on 2 row(s)"), r.err());
        String doc = Files.readString(html);
        assertEquals(2, doc.split("<figure ", -1).length - 1, "saliency x 2 rows, nothing for the skipped method");
        assertTrue(doc.contains("<tr class=\"skipped\"><td>neuron-gradient</td><td>skipped: a neuron method needs the unit"), "named in the page");

        // nothing left to run, or half a unit: usage errors, no page
        Path none = tmp.resolve("none.html");
        r = run(report(none, "neuron-gradient,neuron-deconvolution"));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("every method was skipped"), r.err());
        assertFalse(Files.exists(none));
        r = run(report(none, "neuron-gradient", "--neuron-layer", LAYER));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("xai: --neuron-layer needs --neuron-index (the unit the neuron methods explain)\n", r.err());
        r = run(report(none, "neuron-gradient", "--neuron-layer", "/no/such", "--neuron-index", "1"));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--neuron-layer: no tensor named '/no/such'"), r.err());
        assertFalse(Files.exists(none));
    }
}
