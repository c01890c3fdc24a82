package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.captum;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.tensor.Tensor;

/** --plot on tabular rows (iris MLP): waterfalls that add up to f(x) - E[f], bars, the beeswarm, pdp and importance plots. */
class TabularPlotsTest {
    static final Pattern RECT = Pattern.compile("<rect x=\"([-\\d.]+)\" y=\"[-\\d.]+\" width=\"([-\\d.]+)\" height=\"[-\\d.]+\" fill=\"#(b40426|3b4cc0)\"/>");

    @TempDir
    Path tmp;

    @Test
    void shapleyWaterfallsEndAtTheModelsOutput() throws Exception {
        Path model = captum("iris_mlp", "model.onnx"), input = captum("iris_mlp", "input.npy");
        Path out = tmp.resolve("a.npy"), svg = tmp.resolve("w.svg"), names = tmp.resolve("names.txt"), classes = tmp.resolve("classes.txt");
        Files.writeString(names, "sepal length\nsepal width\npetal length\npetal width\n");
        Files.writeString(classes, "setosa\nversicolor\nvirginica\n");
        CliRunner.Result r = run("explain", "--model", model.toString(), "--input", input.toString(), "--method", "shapley-exact",
                "--out", out.toString(), "--plot", svg.toString(), "--feature-names", names.toString(), "--labels", classes.toString());
        assertEquals(0, r.code(), r.err());
        OnnxGraphModel m = OnnxModelLoader.load(model);
        float[] x = read(input), a = read(out);
        int n = x.length / 4;
        float[] fx, f0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            fx = m.forward(Tensor.of(x, n, 4)).contiguous().toArray();
            f0 = m.forward(Tensor.of(new float[4], 1, 4)).contiguous().toArray();
        }
        for (int row = 0; row < n; row++) {
            String doc = Files.readString(tmp.resolve("w." + row + ".svg"));
            int t = 0;
            for (int k = 1; k < 3; k++) if (fx[row * 3 + k] > fx[row * 3 + t]) t = k;
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += a[row * 4 + j];
            // Shapley efficiency with the zero baseline: the values add up to f(x) - f(0)
            assertEquals(fx[row * 3 + t] - f0[t], sum, 1e-4);
            assertTrue(doc.contains(String.format(java.util.Locale.ROOT, "E[f(X)] = %s", org.xai4j.explain.render.Scale.label(f0[t]))), doc);
            assertTrue(doc.contains("row " + row + ", target " + List.of("setosa", "versicolor", "virginica").get(t)));
            assertTrue(doc.contains(">petal width<"));
            // in pixels: the signed bars run from E[f]'s tick to the f(x) line the model's own output placed
            List<double[]> bars = new ArrayList<>();
            Matcher mm = RECT.matcher(doc);
            while (mm.find()) bars.add(new double[] {Double.parseDouble(mm.group(1)), Double.parseDouble(mm.group(2)), mm.group(3).equals("b40426") ? 1 : -1});
            assertEquals(4, bars.size());
            Matcher fLine = Pattern.compile("<line x1=\"([-\\d.]+)\" y1=\"32\" x2=\"\\1\"").matcher(doc);
            assertTrue(fLine.find(), "the f(x) line");
            double start = bars.get(0)[2] > 0 ? bars.get(0)[0] : bars.get(0)[0] + bars.get(0)[1];
            double end = start;
            for (double[] b : bars) end += b[2] * b[1];
            assertEquals(Double.parseDouble(fLine.group(1)), end, 0.05);
        }
        // six rows: the summary beeswarm, one dot per row and feature
        String summary = Files.readString(tmp.resolve("w.summary.svg"));
        assertEquals(n * 4, summary.split("<circle ", -1).length - 1);
    }

    @Test
    void signedBarsForOtherMethodsAndThePdpAndImportancePlots() throws Exception {
        Path model = captum("iris_mlp", "model.onnx"), input = captum("iris_mlp", "input.npy");
        Path out = tmp.resolve("a.npy"), png = tmp.resolve("bars.png");
        CliRunner.Result r = run("explain", "--model", model.toString(), "--input", input.toString(), "--method", "integrated-gradients",
                "--out", out.toString(), "--plot", png.toString(), "--grid");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(png) > 1000);
        assertTrue(Files.exists(tmp.resolve("bars.summary.png")));

        Path pdp = tmp.resolve("pdp.svg");
        r = run("pdp", "--model", model.toString(), "--data", input.toString(), "--feature", "2", "--target", "1", "--grid", "5",
                "--out", tmp.resolve("p.npy").toString(), "--plot", pdp.toString());
        assertEquals(0, r.code(), r.err());
        String doc = Files.readString(pdp);
        int rows = read(input).length / 4;
        assertEquals(rows, doc.split("stroke=\"#3b4cc0\" stroke-width=\"0.80\" stroke-opacity", -1).length - 1, "an ICE curve per row");
        assertEquals(rows, doc.split("stroke=\"#000000\" stroke-width=\"0.80\" stroke-opacity", -1).length - 1, "a rug tick per row");
        assertTrue(!Files.exists(tmp.resolve("p.ice.npy")), "ICE curves are drawn, written only with --ice");
        float[] avg = read(tmp.resolve("p.npy"));
        assertEquals(5, avg.length);

        Path y = tmp.resolve("y.npy");
        org.xai4j.engine.io.Npy.write(y, org.xai4j.engine.io.HostArray.ofLong(new int[] {rows}, new long[rows]));
        Path imp = tmp.resolve("imp.svg");
        r = run("importance", "--model", model.toString(), "--data", input.toString(), "--labels", y.toString(), "--metric", "accuracy",
                "--plot", imp.toString());
        assertEquals(0, r.code(), r.err());
        doc = Files.readString(imp);
        assertEquals(4, doc.split("fill=\"#3b4cc0\"", -1).length - 1, "a bar per feature");
        assertEquals(12, doc.split("stroke=\"#000000\" stroke-width=\"1.20\"", -1).length - 1, "an error bar (3 lines) per feature");
    }
}
