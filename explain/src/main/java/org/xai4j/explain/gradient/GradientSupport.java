package org.xai4j.explain.gradient;

import org.xai4j.explain.Batches;
import java.util.List;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.MemoryScope;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.TensorMemory;
import org.xai4j.explain.ComputeDevice;

/**
 * What the gradient methods share: row slices of a batch, the target seed, d(score)/d(input) of a
 * chunk, and target scores. Every method runs the model on chunks of at most {@code batchSize} rows
 * and each row's result depends on that row alone, so results do not depend on the chunking.
 */
final class GradientSupport {
    private GradientSupport() {}

    /** A clear error unless the batch size is positive. */
    static int checkBatchSize(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        return batchSize;
    }

    /**
     * Each row's target: the given ones (one value is used for every row), or Captum's defaults
     * ({@link org.xai4j.explain.Targets#resolve}) computed chunk by chunk so memory stays bounded.
     */
    static int[] targets(Model model, Tensor inputs, int[] targets, int batchSize) {
        int n = inputs.size(0);
        if (targets != null) {
            if (targets.length == 1 && n != 1) {
                int[] all = new int[n];
                java.util.Arrays.fill(all, targets[0]);
                return all;
            }
            if (targets.length != n) throw new IllegalArgumentException("got " + targets.length + " targets for " + n + " input rows");
            return targets.clone();
        }
        int[] resolved = new int[n];
        Batches.forEach(n, 1, batchSize, c -> System.arraycopy(org.xai4j.explain.Targets.resolve(model,
                rows(inputs, c.firstRow(), c.endRow()), null), 0, resolved, c.firstRow(), c.size()));
        return resolved;
    }

    /** A clear error unless the model has exactly one input (the gradient methods explain that one). */
    static void checkSingleInput(Model model, String method) {
        if (model.inputNames().size() != 1) {
            throw new IllegalArgumentException(method + " explains models with one input; this one has "
                    + model.inputNames().size() + ": " + model.inputNames());
        }
    }

    /** Values per row of a batch (N, ...). */
    static int rowSize(Tensor x) {
        if (x.dim() < 1 || x.size(0) < 1) throw new ShapeException("expected a batch (N, ...) with N >= 1, got " + Shape.str(x.shape()));
        return x.numel() / x.size(0);
    }

    /**
     * Rows for a pass that only reads names and shapes (which layer --layer auto means, a layer's shape):
     * up to four, not one. A one-row pass as the JVM's first left the convolutions compiled for it, and
     * the method's own batched passes then ran 3-10x slower for the rest of the run (a ResNet-18
     * Grad-CAM at 25-70 ms instead of 6-8; bench/RESULTS.md, issue 10).
     */
    static int probeRows(Tensor x) {
        return Math.min(x.size(0), 4);
    }

    /** A fresh contiguous copy of rows [start, end) of x. */
    static Tensor rows(Tensor x, int start, int end) {
        Tensor c = x.contiguous();
        float[] all = c.data();
        int off = c.offset(), rs = rowSize(x);
        int[] shape = x.shape();
        shape[0] = end - start;
        float[] part = new float[(end - start) * rs];
        System.arraycopy(all, off + start * rs, part, 0, part.length);
        return Tensor.of(part, shape);
    }

    static int[] slice(int[] targets, int start, int end) {
        return java.util.Arrays.copyOfRange(targets, start, end);
    }

    /** The seed that picks each row's target score: one-hot for (N, C) outputs, ones for (N). */
    static Tensor seed(Tensor output, int[] targets) {
        if (output.dim() == 1) {
            for (int t : targets) {
                if (t != 0) throw new IllegalArgumentException("target " + t + " for a model with one output column");
            }
            return Tensor.ones(output.shape());
        }
        return Gradients.oneHotSeed(output.shape(), targets);
    }

    /** Runs the model on a chunk in inference mode, recording when grad mode is on. */
    static Activations run(Model model, Tensor x) {
        return model.run(List.of(x), RunOptions.INFERENCE);
    }

    /**
     * d(output[r, targets[r]])/d(x[r]) for every row of x (x not modified), computed on
     * {@link ComputeDevice#current()}: the chunk is copied there and the gradient back.
     */
    static Tensor inputGradient(Model model, Tensor x, int[] targets) {
        Device device = ComputeDevice.current();
        // the pass's activations and gradients are recycled by the next pass; the result is copied out
        try (TensorMemory.Scope memory = TensorMemory.recycling(); MemoryScope onDevice = Backends.forDevice(device).memoryScope();
             GradMode.Scope ignored = GradMode.enableGrad()) {
            Tensor leaf = x.contiguous().to(device).detach().requiresGrad(true);
            // the output alone: the model may run equivalent ops it would not show as named values
            Tensor out = model.forward(leaf);
            Tensor g = Gradients.grad(out, seed(out, targets), leaf)[0];
            return Tensor.of(g.toHost().toArray(), g.shape());
        }
    }

    /** output[r, targets[r]] for every row, without recording. */
    static float[] scores(Model model, Tensor x, int[] targets) {
        Device device = ComputeDevice.current();
        try (MemoryScope onDevice = Backends.forDevice(device).memoryScope(); GradMode.Scope ignored = GradMode.noGrad()) {
            return pick(run(model, x.to(device)).output(0), targets);
        }
    }

    /** output[r, targets[r]] for every row, {@code batchSize} rows per pass. */
    static float[] scores(Model model, Tensor inputs, int[] targets, int batchSize) {
        float[] out = new float[inputs.size(0)];
        Batches.forEach(inputs.size(0), 1, batchSize, c -> System.arraycopy(scores(model, rows(inputs, c.firstRow(), c.endRow()),
                slice(targets, c.firstRow(), c.endRow())), 0, out, c.firstRow(), c.size()));
        return out;
    }

    /** output[r, targets[r]] of an (N, C) or (N) output. */
    static float[] pick(Tensor out, int[] targets) {
        float[] v = out.toHost().contiguous().toArray();
        int cols = out.dim() == 1 ? 1 : out.size(1);
        float[] s = new float[targets.length];
        for (int r = 0; r < s.length; r++) s[r] = v[r * cols + (out.dim() == 1 ? 0 : targets[r])];
        return s;
    }

    /**
     * Batch-wise map: applies f to the chunks of at most batchSize rows of {@link Batches} (one sample per
     * row) and stitches the results.
     */
    static Tensor byChunks(Tensor inputs, int[] targets, int batchSize, ChunkFunction f) {
        int n = inputs.size(0);
        Tensor[] result = new Tensor[1];
        Batches.forEach(n, 1, batchSize, c -> {
            int s = c.firstRow(), e = c.endRow();
            Tensor part = f.apply(rows(inputs, s, e), slice(targets, s, e), s).contiguous();
            if (result[0] == null) {
                int[] shape = part.shape();
                shape[0] = n;
                result[0] = Tensor.zeros(shape);
            }
            int outRow = part.numel() / (e - s);
            System.arraycopy(part.data(), part.offset(), result[0].data(), s * outRow, part.numel());
        });
        return result[0];
    }

    /** What {@link #byChunks} applies to each chunk of rows. */
    @FunctionalInterface
    interface ChunkFunction {
        /** @param firstRow index of the chunk's first row in the whole batch */
        Tensor apply(Tensor rows, int[] targets, int firstRow);
    }
}
