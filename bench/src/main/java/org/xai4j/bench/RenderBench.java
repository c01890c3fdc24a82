package org.xai4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.explain.render.Heatmap;
import org.xai4j.explain.render.HeatmapMethod;
import org.xai4j.explain.render.Raster;
import org.xai4j.explain.render.RasterFigure;
import org.xai4j.explain.render.SequenceLogo;
import org.xai4j.explain.render.VisualizeSign;

/**
 * The pictures alone (issue 13's goal: under 50 ms each), single-threaded: a 3x224x224 attribution to a
 * heatmap (Captum's scaling: channel sum, sort for the outlier threshold, colour map) as pixels, as PNG
 * bytes and blended over an image as SVG; a 1,000-position DNA logo (one letter per position, 10 lines)
 * as SVG text and as PNG.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g", "-Djava.awt.headless=true"})
public class RenderBench {
    static final int SIDE = 224, BASES = 1000;

    float[] attribution, logoValues;
    Raster image;

    @Setup
    public void setUp() {
        Random r = new Random(3);
        attribution = new float[3 * SIDE * SIDE];
        for (int i = 0; i < attribution.length; i++) attribution[i] = (float) r.nextGaussian();
        float[] pixels = new float[3 * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) pixels[i] = r.nextFloat();
        image = Heatmap.image(pixels, 3, SIDE, SIDE);
        // one-hot times an attribution: one nonzero value per position
        logoValues = new float[4 * BASES];
        for (int j = 0; j < BASES; j++) logoValues[r.nextInt(4) * BASES + j] = (float) r.nextGaussian();
    }

    @Benchmark
    public Raster heatmap224() {
        return Heatmap.render(attribution, 3, SIDE, SIDE, null, Heatmap.Options.defaults());
    }

    @Benchmark
    public byte[] heatmap224Png() {
        return Heatmap.render(attribution, 3, SIDE, SIDE, null, Heatmap.Options.defaults()).png();
    }

    @Benchmark
    public String heatmap224BlendedSvg() {
        Heatmap.Options o = new Heatmap.Options(HeatmapMethod.BLENDED_HEAT_MAP, VisualizeSign.ALL, 2, null);
        return new RasterFigure(Heatmap.render(attribution, 3, SIDE, SIDE, image, o)).svg();
    }

    @Benchmark
    public String logo1000Svg() {
        return new SequenceLogo(logoValues, BASES, 100, "logo").svg();
    }

    @Benchmark
    public byte[] logo1000Png() {
        return new SequenceLogo(logoValues, BASES, 100, "logo").png();
    }
}
