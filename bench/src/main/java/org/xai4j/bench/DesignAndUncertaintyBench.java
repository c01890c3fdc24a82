package org.xai4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.random.RandomStream;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.optimize.Alphabet;
import org.xai4j.explain.optimize.GreedyMutation;
import org.xai4j.explain.optimize.GreedyOptions;
import org.xai4j.explain.optimize.ScoreTransform;
import org.xai4j.explain.optimize.SequenceObjective;
import org.xai4j.explain.uncertainty.MonteCarloDropout;
import org.xai4j.explain.uncertainty.UncertaintyOptions;
import org.xai4j.explain.uncertainty.VarianceKind;

/**
 * Issue 12's speed goals beside bench/scripts/torch_design_uncertainty.py (same weights, 2 threads):
 * greedy mutation of the 101-bp DNA CNN of examples/dna_motif, 1,000 steps from a seeded random start
 * (speculatively batched; {@code greedyOneRowPerForward} is the same search one row per forward pass),
 * and 1,000 MC dropout passes of the diabetes MLP of examples/diabetes with its variance head, on one
 * row and on the 142 test rows (all (row, pass) pairs stacked, up to 4,096 per forward pass).
 * Run from the repository root (the models are the committed examples).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class DesignAndUncertaintyBench {
    @Param({"2"})
    int threads;

    SequenceObjective dna;
    int[] start;
    Model regressor;
    Tensor oneRow, testRows;

    @Setup(Level.Trial)
    public void setup() {
        Parallel.setThreads(threads);
        try {
            Model cnn = OnnxModelLoader.load(Path.of("examples/dna_motif/model.onnx"));
            dna = new SequenceObjective(cnn, new Alphabet("ACGT"), 101, true, 0, ScoreTransform.RAW);
            RandomStream r = new RandomStream(1, 1);
            start = new int[101];
            for (int i = 0; i < 101; i++) start[i] = r.nextInt(4);
            regressor = OnnxModelLoader.load(Path.of("examples/diabetes/model.onnx"));
            HostArray x = Npy.read(Path.of("examples/diabetes/test_x.npy"));
            float[] v = x.toFloatArray();
            testRows = Tensor.of(v, x.shape());
            oneRow = Tensor.of(java.util.Arrays.copyOf(v, 10), 1, 10);
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository root (examples/ holds the models)", e);
        }
    }

    @Benchmark
    public double greedy1000() {
        return GreedyMutation.run(dna, start, GreedyOptions.book(1000, 1), null).scores()[0];
    }

    @Benchmark
    public double greedy1000OneRowPerForward() {
        return GreedyMutation.run(dna, start, GreedyOptions.book(1000, 1).withBatchSize(1), null).scores()[0];
    }

    static final UncertaintyOptions MC = UncertaintyOptions.monteCarlo(1000, 0).withVarianceHead(1, VarianceKind.LOGVAR);

    @Benchmark
    public double mcDropout1000OneRow() {
        return MonteCarloDropout.estimate(regressor, List.of(oneRow), MC, null).epistemic()[0];
    }

    @Benchmark
    public double mcDropout1000TestRows() {
        return MonteCarloDropout.estimate(regressor, List.of(testRows), MC, null).epistemic()[0];
    }
}
