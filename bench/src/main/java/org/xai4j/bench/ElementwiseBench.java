package org.xai4j.bench;

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
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Elementwise ops on n floats, no tape; compare with bench/scripts/numpy_elementwise.py. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ElementwiseBench {
    @Param({"1048576"})
    int n;
    Tensor a, b, row;

    @Setup
    public void setup() {
        Random r = new Random(1);
        float[] x = new float[n], y = new float[n], z = new float[1024];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            y[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < z.length; i++) z[i] = (float) r.nextGaussian();
        a = Tensor.of(x, n / 1024, 1024);
        b = Tensor.of(y, n / 1024, 1024);
        row = Tensor.of(z, 1024);
    }

    @Benchmark
    public Tensor add() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return Ops.add(a, b);
        }
    }

    @Benchmark
    public Tensor addBroadcastRow() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return Ops.add(a, row);
        }
    }

    @Benchmark
    public Tensor relu() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return Ops.relu(a);
        }
    }

    @Benchmark
    public Tensor exp() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return Ops.exp(a);
        }
    }

    @Benchmark
    public Tensor sumAll() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return Ops.sum(a);
        }
    }
}
