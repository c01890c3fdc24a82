package org.xai4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.explain.linalg.WeightedLeastSquares;
import org.xai4j.explain.shapley.KernelShapFit;

/**
 * The least-squares fits of KernelSHAP and LIME alone, at image scale (3,072 features: 3x32x32), with
 * {@code threads} worker threads. Peer: bench/scripts/numpy_lstsq.py times numpy on the same shapes.
 * <ul>
 *   <li>{@code kernelShap}: SHAP's auto count for M = 3,072 players, 2M + 2,048 = 8,192 coalitions of
 *       KernelShap's own plan, the efficiency constraint eliminating one player (8,192 x 3,071);</li>
 *   <li>{@code dense8192}: the same size as a dense random design through {@link WeightedLeastSquares#fit}
 *       (normal equations formed in full, then Cholesky): the generic path;</li>
 *   <li>{@code lime50}: LIME's ridge (alpha 1, intercept) with 50 samples of 3,072 features: the dual form.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class LeastSquaresBench {
    static final int FEATURES = 3072;

    @Param({"2"})
    int threads;

    KernelShapFit.Design design;
    double[] shapTargets;
    double[] dense, denseY, denseW;
    double[] lime, limeY, limeW;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        Random r = new Random(1);
        design = KernelShapFit.sample(FEATURES, 0, 0, 0);
        shapTargets = new double[design.masks().size()];
        for (int j = 0; j < shapTargets.length; j++) shapTargets[j] = r.nextGaussian();
        int n = design.masks().size(), p = FEATURES - 1;
        dense = new double[n * p];
        for (int i = 0; i < dense.length; i++) dense[i] = r.nextGaussian();
        denseY = shapTargets.clone();
        denseW = design.weights().clone();
        lime = new double[50 * FEATURES];
        for (int i = 0; i < lime.length; i++) lime[i] = r.nextInt(2);
        limeY = new double[50];
        limeW = new double[50];
        for (int k = 0; k < 50; k++) {
            limeY[k] = r.nextGaussian();
            limeW[k] = r.nextDouble();
        }
    }

    @Benchmark
    public double[] kernelShap() {
        return KernelShapFit.solve(design, shapTargets, FEATURES);
    }

    @Benchmark
    public double[] dense8192() {
        return WeightedLeastSquares.fit(dense, denseY.length, FEATURES - 1, denseY, denseW, 0.0, false).coefficients();
    }

    @Benchmark
    public double[] lime50() {
        return WeightedLeastSquares.fit(lime, 50, FEATURES, limeY, limeW, 1.0, true).coefficients();
    }
}
