package org.xai4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

import java.util.concurrent.TimeUnit;

/**
 * The cost of recording the tape: a chain of {@value #OPS} ops on one-element tensors, recorded
 * versus under no-grad. (recorded - plain) per op is the bookkeeping cost; the goal is under 2 us.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TapeBench {
    static final int OPS = 100;
    Tensor x, leaf;

    @Setup
    public void setup() {
        x = Tensor.of(new float[] {0.5f}, 1);
        leaf = Tensor.of(new float[] {0.5f}, 1).requiresGrad(true);
    }

    private static Tensor chain(Tensor t) {
        Tensor y = t;
        for (int i = 0; i < OPS / 2; i++) {
            y = Ops.mul(Ops.add(y, t), t);
        }
        return y;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor plainPerOp() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return chain(x);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor recordedPerOp() {
        return chain(leaf);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor recordedAndBackwardPerOp() {
        Tensor y = chain(leaf);
        return Gradients.gradOfSum(y, leaf)[0];
    }
}
