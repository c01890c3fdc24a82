package org.xai4j.explain.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.PassHook;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;

/**
 * MC dropout (Gal and Ghahramani, ICML 2016) with an optional learned variance head (Kendall and Gal,
 * NeurIPS 2017): per output element, with ŷ_t and σ²_t the mean and variance outputs of pass t,
 * mean = (1/T) Σ ŷ_t, epistemic = (1/T) Σ ŷ_t² − mean², aleatoric = (1/T) Σ σ²_t (their eq. 9, whose
 * epistemic term divides by T, not T − 1).
 *
 * <p>Pass t of sample n draws its dropout masks from Philox stream {@link #rowStream}(n, t) of the seed,
 * as if that sample had run alone. Many (sample, pass) rows then go through one forward pass, and the
 * result does not depend on the number of rows per forward pass nor on the thread count. Moments are
 * accumulated in float64 (Welford), over t in order for every sample.
 */
public final class MonteCarloDropout {
    /** Most passes: pass t occupies the low 20 bits of a row's stream. */
    public static final int MAX_PASSES = 1 << 20;
    /** Most samples: the sample index takes the next 23 bits (a stream times 2^20 dropout nodes fits 63 bits). */
    public static final int MAX_SAMPLES = 1 << 23;

    private MonteCarloDropout() {}

    /** The Philox stream of pass t of sample n: n · 2^20 + t. */
    public static long rowStream(int sample, int pass) {
        return ((long) sample << 20) | pass;
    }

    /**
     * The predictive moments of the model over the samples of {@code inputs}.
     *
     * @param inputs   one tensor per model input, all with the same number N of samples on axis 0. Not modified.
     * @param progress told the number of (sample, pass) rows done after each forward pass; may be null
     */
    public static PredictiveMoments estimate(Model model, List<Tensor> inputs, UncertaintyOptions o, LongConsumer progress) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("the model needs at least one input");
        int n = samples(inputs);
        int outputs = model.outputNames().size();
        if (o.meanOutput() >= outputs || o.varianceOutput() >= outputs) {
            throw new IllegalArgumentException("the model has " + outputs + " output(s) " + model.outputNames()
                    + "; output " + Math.max(o.meanOutput(), o.varianceOutput()) + " does not exist");
        }
        boolean mc = o.passes() > 0;
        int passes = Math.max(1, o.passes());
        List<float[]> data = new ArrayList<>();
        List<int[]> rowShapes = new ArrayList<>();
        for (Tensor x : inputs) {
            data.add(x.contiguous().toArray());
            int[] s = x.shape();
            rowShapes.add(java.util.Arrays.copyOfRange(s, 1, s.length));
        }
        long totalRows = (long) n * passes;
        int chunkRows = o.batchRows();
        // Each worker runs whole forward passes of its own chunk (the ops inside then run on that thread,
        // with no hand-off to the pool per op, which cost more than the arithmetic of this MLP's layers).
        if (passes <= chunkRows) {
            // chunks of whole samples: a worker adds its own samples' passes, in pass order, as it goes
            int samplesPerChunk = chunkRows / passes;
            int chunks = (n + samplesPerChunk - 1) / samplesPerChunk;
            Accumulator[] acc = new Accumulator[1];
            // the caller's pass hooks (progress, cancellation, deadline) run for every chunk, whichever thread has it
            PassHook.Listener hooks = PassHook.capture();
            Parallel.forRange(chunks, 1, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    long start = (long) c * samplesPerChunk * passes;
                    int rows = (int) Math.min((long) samplesPerChunk * passes, totalRows - start);
                    Chunk done;
                    try (PassHook scope = hooks == null ? null : PassHook.installAlone(hooks)) {
                        done = runChunk(model, data, rowShapes, o, mc, passes, start, rows);
                    }
                    Accumulator a;
                    synchronized (acc) {
                        if (acc[0] == null) acc[0] = new Accumulator(n, done.meanShape);
                        a = acc[0];
                    }
                    a.add(done.start, passes, done.means, done.variances, o, model); // samples no other chunk has
                    if (progress != null) {
                        synchronized (acc) {
                            progress.accept(done.rows);
                        }
                    }
                }
            });
            return acc[0].result(mc, passes);
        }
        // samples longer than a chunk: a wave holds a chunk per thread, accumulated in row order afterwards
        int perWave = Math.max(1, Parallel.threads());
        Accumulator acc = null;
        for (long waveStart = 0; waveStart < totalRows; waveStart += (long) chunkRows * perWave) {
            long start0 = waveStart;
            int chunks = (int) Math.min(perWave, (totalRows - waveStart + chunkRows - 1) / chunkRows);
            Chunk[] done = new Chunk[chunks];
            PassHook.Listener hooks = PassHook.capture();
            Parallel.forRange(chunks, 1, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    long start = start0 + (long) c * chunkRows;
                    int rows = (int) Math.min(chunkRows, totalRows - start);
                    try (PassHook scope = hooks == null ? null : PassHook.installAlone(hooks)) {
                        done[c] = runChunk(model, data, rowShapes, o, mc, passes, start, rows);
                    }
                }
            });
            for (Chunk c : done) {
                if (acc == null) acc = new Accumulator(n, c.meanShape);
                acc.add(c.start, passes, c.means, c.variances, o, model);
                if (progress != null) progress.accept(c.rows);
            }
        }
        return acc.result(mc, passes);
    }

    /** The outputs of one forward pass over (sample, pass) rows [start, start + rows). */
    private record Chunk(long start, int rows, int[] meanShape, float[] means, float[] variances) {}

    private static Chunk runChunk(Model model, List<float[]> data, List<int[]> rowShapes, UncertaintyOptions o,
                                  boolean mc, int passes, long start, int rows) {
        long[] streams = new long[rows];
        int[] sampleOf = new int[rows];
        for (int r = 0; r < rows; r++) {
            long g = start + r;
            sampleOf[r] = (int) (g / passes);
            streams[r] = rowStream(sampleOf[r], (int) (g % passes));
        }
        List<Tensor> stacked = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) stacked.add(gatherRows(data.get(i), rowShapes.get(i), sampleOf));
        // the pass's activations are recycled by the next chunk on this thread; the outputs are copied out
        try (GradMode.Scope ignored = GradMode.noGrad(); TensorMemory.Scope memory = TensorMemory.recycling()) {
            Activations a = model.run(stacked, mc ? RunOptions.monteCarloPerRow(o.seed(), streams) : RunOptions.INFERENCE);
            Tensor mean = a.output(o.meanOutput());
            Tensor variance = o.hasVarianceHead() ? a.output(o.varianceOutput()) : null;
            checkRows(model, o.meanOutput(), mean, rows);
            if (variance != null) {
                checkRows(model, o.varianceOutput(), variance, rows);
                if (!java.util.Arrays.equals(mean.shape(), variance.shape())) {
                    throw new IllegalArgumentException("variance output '" + model.outputNames().get(o.varianceOutput())
                            + "' has shape " + Shape.str(variance.shape()) + ", the mean output '"
                            + model.outputNames().get(o.meanOutput()) + "' " + Shape.str(mean.shape()) + "; they must agree");
                }
            }
            return new Chunk(start, rows, mean.shape(), mean.toArray(), variance == null ? null : variance.toArray());
        }
    }

    private static int samples(List<Tensor> inputs) {
        int n = -1;
        for (Tensor x : inputs) {
            if (x.dim() == 0) throw new IllegalArgumentException("every input needs a sample axis 0, got a scalar");
            if (n >= 0 && x.size(0) != n) {
                throw new IllegalArgumentException("the inputs disagree on the number of samples (axis 0): " + n + " and " + x.size(0));
            }
            n = x.size(0);
        }
        if (n < 1) throw new IllegalArgumentException("the inputs hold no samples");
        if (n > MAX_SAMPLES) throw new IllegalArgumentException("at most " + MAX_SAMPLES + " samples per run, got " + n);
        return n;
    }

    private static Tensor gatherRows(float[] data, int[] rowShape, int[] sampleOf) {
        int rowSize = Shape.numel(rowShape);
        float[] out = new float[sampleOf.length * rowSize];
        for (int r = 0; r < sampleOf.length; r++) System.arraycopy(data, sampleOf[r] * rowSize, out, r * rowSize, rowSize);
        int[] shape = new int[rowShape.length + 1];
        shape[0] = sampleOf.length;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return Tensor.of(out, shape);
    }

    private static void checkRows(Model model, int output, Tensor t, int rows) {
        if (t.dim() == 0 || t.size(0) != rows) {
            throw new IllegalArgumentException("output '" + model.outputNames().get(output) + "' has shape "
                    + Shape.str(t.shape()) + " for " + rows + " input rows; its axis 0 must be the samples");
        }
    }

    /** Running float64 moments per (sample, element), updated pass by pass in pass order. */
    private static final class Accumulator {
        final int[] shape;
        final int elements;
        final double[] mean, m2, aleatoric;

        Accumulator(int n, int[] rowsShape) {
            shape = rowsShape.clone();
            shape[0] = n;
            elements = Shape.numel(rowsShape) / rowsShape[0];
            mean = new double[n * elements];
            m2 = new double[n * elements];
            aleatoric = new double[n * elements];
        }

        /** Adds rows [start, start + rows) in order; calls for disjoint samples may run at once. */
        void add(long start, int passes, float[] means, float[] variances, UncertaintyOptions o, Model model) {
            double[] row = new double[elements];
            int rows = means.length / elements;
            int lastAxis = shape.length > 1 ? shape[shape.length - 1] : 1;
            for (int r = 0; r < rows; r++) {
                long g = start + r;
                int sample = (int) (g / passes), t = (int) (g % passes);
                for (int j = 0; j < elements; j++) row[j] = means[r * elements + j];
                o.transform().apply(row, 0, elements, lastAxis);
                int base = sample * elements;
                for (int j = 0; j < elements; j++) {
                    double y = row[j];
                    double d = y - mean[base + j];
                    mean[base + j] += d / (t + 1);
                    m2[base + j] += d * (y - mean[base + j]);
                }
                if (variances == null) continue;
                for (int j = 0; j < elements; j++) {
                    float v = variances[r * elements + j];
                    double s2 = o.varianceKind().toVariance(v);
                    if (Double.isNaN(s2)) {
                        throw new IllegalArgumentException("variance output '" + model.outputNames().get(o.varianceOutput())
                                + "' (" + o.varianceKind().name().toLowerCase(java.util.Locale.ROOT) + ") gave " + v
                                + " for sample " + sample + ", element " + j + "; a variance must be >= 0");
                    }
                    aleatoric[base + j] += (s2 - aleatoric[base + j]) / (t + 1);
                }
            }
        }

        PredictiveMoments result(boolean mc, int passes) {
            double[] epistemic = new double[mean.length];
            if (mc) for (int i = 0; i < epistemic.length; i++) epistemic[i] = m2[i] / passes;
            return new PredictiveMoments(shape, mean, epistemic, aleatoric);
        }
    }
}
