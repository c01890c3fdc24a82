package org.xai4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * Whether a GEMM's speed depends on what ran before it in the JVM (issue 10's JVM-to-JVM variation):
 * 4096 x 32 x 32 and ResNet-18's layer2 product (128 x 1152 x 64), timed in a JVM whose first products
 * were of the same kind ({@code first = same}) or 4 and 1 columns wide ({@code first = narrow}: the
 * last ResNet layers at batch 1, the heads of an MLP). With a second float vector species in the
 * engine (a 128-bit kernel for products at most 4 wide, until 2026-12-07) JDK 17's C2 compiled the
 * kernel that ran second on boxed vectors: 55 against 1,080 us for 4096 x 32 x 32 (see
 * CpuFeatures). One thread, so the figure is the kernel's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmWarmupOrderBench {
    @Param({"same", "narrow"})
    String first;

    @Param({"4096x32x32", "128x1152x64"})
    String shape;

    int m, n, k;
    float[] a, b, c;

    @Setup(Level.Trial)
    public void setup() {
        Parallel.setThreads(1);
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        k = Integer.parseInt(d[1]);
        n = Integer.parseInt(d[2]);
        a = random(m * k, 1);
        b = random(k * n, 2);
        c = new float[m * n];
        if (first.equals("narrow")) {
            // enough calls for C2 to compile the narrow products' path before the measured one runs
            float[] wa = random(512 * 4608, 3), wb = random(4608 * 4, 4), wc = new float[512 * 4];
            float[] ha = random(4096 * 32, 5), hb = random(32, 6), hc = new float[4096];
            for (int i = 0; i < 3000; i++) {
                Gemm.sgemm(false, false, 512, 4, 4608, 1f, wa, 0, 4608, wb, 0, 4, 0f, wc, 0, 4);
                Gemm.sgemm(false, true, 4096, 1, 32, 1f, ha, 0, 32, hb, 0, 32, 0f, hc, 0, 1);
            }
        }
    }

    private static float[] random(int size, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = rnd.nextFloat() * 2f - 1f;
        return v;
    }

    @Benchmark
    public float[] product() {
        Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
