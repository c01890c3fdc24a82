package org.xai4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.cpu.Gemm;
import org.xai4j.engine.backend.cpu.ReferenceGemm;

/**
 * C[M,N] = A[M,K] B[K,N] in float32, row-major, no transposes: our {@link Gemm} against EJML
 * (single- and multithreaded), with {@code threads} worker threads for both. Compare with
 * bench/scripts/numpy_gemm.py, which times the same shapes with NumPy and, given this benchmark's JMH
 * JSON ({@code -rf json}), prints both as GFLOPS.
 *
 * <p>Shapes: squares, and the im2col products of ResNet-18 convolutions at 64x64 input, batch 1
 * (M = out channels, K = in channels * kernel area, N = output pixels).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBench {
    @Param({"square64", "square256", "square512", "square1024",
            "conv1_7x7s2", "layer1_3x3", "layer2_3x3", "layer3_3x3", "layer4_3x3"})
    String shape;

    @Param({"2"})
    int threads;

    int m, n, k;
    float[] a, b, c;
    FMatrixRMaj ma, mb, mc;

    /** {M, K, N} of a named shape. */
    static int[] dims(String shape) {
        switch (shape) {
            case "square64": return new int[] {64, 64, 64};
            case "square256": return new int[] {256, 256, 256};
            case "square512": return new int[] {512, 512, 512};
            case "square1024": return new int[] {1024, 1024, 1024};
            // conv1: 7x7 stride 2, 3 -> 64 channels, 64x64 -> 32x32
            case "conv1_7x7s2": return new int[] {64, 3 * 7 * 7, 32 * 32};
            // layer1: 3x3, 64 -> 64 channels at 16x16 (after the stride-2 max pool)
            case "layer1_3x3": return new int[] {64, 64 * 9, 16 * 16};
            // layer2: 3x3, 128 -> 128 channels at 8x8
            case "layer2_3x3": return new int[] {128, 128 * 9, 8 * 8};
            // layer3: 3x3, 256 -> 256 channels at 4x4
            case "layer3_3x3": return new int[] {256, 256 * 9, 4 * 4};
            // layer4: 3x3, 512 -> 512 channels at 2x2
            case "layer4_3x3": return new int[] {512, 512 * 9, 2 * 2};
            default: throw new IllegalArgumentException("GemmBench: unknown shape '" + shape + "'");
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        int[] d = dims(shape);
        m = d[0];
        k = d[1];
        n = d[2];
        Parallel.setThreads(threads);
        EjmlConcurrency.setMaxThreads(threads);
        Random rnd = new Random(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() * 2f - 1f;
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() * 2f - 1f;
        ma = FMatrixRMaj.wrap(m, k, a);
        mb = FMatrixRMaj.wrap(k, n, b);
        mc = new FMatrixRMaj(m, n);
    }

    @Benchmark
    public float[] fast() {
        Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public FMatrixRMaj ejml() {
        ReferenceGemm.mult(ma, mb, mc, false);
        return mc;
    }

    @Benchmark
    public FMatrixRMaj ejmlMt() {
        ReferenceGemm.mult(ma, mb, mc, true);
        return mc;
    }
}
