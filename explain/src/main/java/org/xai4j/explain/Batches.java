package org.xai4j.explain;

import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.PassHook;

/**
 * The one way the methods split their work into model passes: the (row, sample) pairs of {@code rows} rows
 * × {@code samplesPerRow} samples (integrated gradients' steps, a noise tunnel's or GradientSHAP's draws, an
 * ablation's units, a perturbation method's variants; one sample per row for a pass over the rows
 * themselves), enumerated row-major (row by row, sample by sample) in chunks of at most {@code batchSize}
 * pairs, the CLI's {@code --batch-size} (Captum's {@code internal_batch_size} / {@code perturbations_per_eval},
 * counted in model rows).
 *
 * <p>A pair's number q = row · samplesPerRow + sample is its identity whatever the chunking: a method that
 * accumulates each row's samples in q order, and draws its random numbers from q, gets the same bits for
 * every batch size (the tests of each method assert it).
 */
public final class Batches {
    private Batches() {}

    /** What runs on each chunk. */
    @FunctionalInterface
    public interface Body {
        /** @param chunk valid during the call only: the same object, refilled, is handed to the next call */
        void accept(Chunk chunk);
    }

    /** Hands {@code body} the pairs [0, rows · samplesPerRow) in order, at most {@code batchSize} per chunk. */
    public static void forEach(long rows, int samplesPerRow, int batchSize, Body body) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (rows < 0 || samplesPerRow < 0) {
            throw new IllegalArgumentException("rows and samples per row must be >= 0, got " + rows + " and " + samplesPerRow);
        }
        long total = Math.multiplyExact(rows, (long) samplesPerRow);
        Chunk chunk = new Chunk(samplesPerRow);
        for (long first = 0; first < total; first += batchSize) {
            chunk.first = first;
            chunk.size = (int) Math.min(batchSize, total - first);
            body.accept(chunk);
        }
    }

    /** A chunk's model pass: may run on a worker thread, beside other chunks' passes. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param chunk its buffer as {@code prepare} filled it; the chunk is only valid during the call
         * @return what {@code finish} receives for this chunk
         */
        T run(Chunk chunk);
    }

    /** What is done with a chunk's result, on the calling thread, in chunk order. */
    @FunctionalInterface
    public interface Finish<T> {
        void accept(Chunk chunk, T result);
    }

    /**
     * The input values a chunk holds when chunks run side by side (see {@link #forEach(Model, long, int, int,
     * int, Body, Work, Finish)}): small, because each thread then has its own chunk's activations in cache.
     * A 32x32 CNN's IG-50 on 2 threads (AMD EPYC VM, 12 JVMs each): 4.0 ms (median) splitting every op of
     * 64-row batches, 8.2 ms running two 50-row chunks side by side (twice the activations, out of cache),
     * 3.8 ms side by side in chunks of 10 rows (32K values).
     */
    static final int SIDE_BY_SIDE_CHUNK_FLOATS = 1 << 15;
    /** Rows smaller than this many chunks' worth run side by side; larger rows split op by op. */
    static final int SIDE_BY_SIDE_MIN_ROWS = 8;

    /**
     * {@link #forEach} in three stages, so that small inputs can run on all worker threads at once:
     * {@code prepare} (fills the chunk's buffer) and {@code finish} run on the calling thread in chunk order,
     * exactly as {@code forEach} would call them; {@code work} (the model pass) may run on any thread.
     *
     * <p>Side by side when the model allows concurrent passes, there is more than one thread, at least
     * {@link #SIDE_BY_SIDE_MIN_ROWS} rows fit {@link #SIDE_BY_SIDE_CHUNK_FLOATS}, the work runs on the CPU
     * and no thread-local override (activation or backward rule) is in force on this thread. The pairs are
     * then cut into chunks of at most that many values (and at most {@code batchSize} pairs), a wave of one
     * chunk per thread at a time, and each thread runs whole chunks: the kernels inside run on that thread,
     * with no hand-off to the other threads per op, which on a small model costs as much as the op.
     * Otherwise every chunk holds {@code batchSize} pairs and its ops are split across the threads.
     * A pair's result does not depend on its chunk and {@code finish} sees the pairs in the same order, so
     * the result does not depend on the thread count. The caller's {@link PassHook}s run before every pass,
     * on whichever thread.
     *
     * @param rowSize the model's input values per pair (what the chunks are sized by)
     */
    public static <T> void forEach(Model model, long rows, int samplesPerRow, int batchSize, int rowSize, Body prepare,
                                   Work<T> work, Finish<T> finish) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (rows < 0 || samplesPerRow < 0) {
            throw new IllegalArgumentException("rows and samples per row must be >= 0, got " + rows + " and " + samplesPerRow);
        }
        long total = Math.multiplyExact(rows, (long) samplesPerRow);
        int threads = Parallel.threads();
        boolean sideBySide = threads > 1 && total > 1 && model.concurrentPasses()
                && (long) rowSize * SIDE_BY_SIDE_MIN_ROWS <= SIDE_BY_SIDE_CHUNK_FLOATS
                && !ActivationOverride.active() && !Gradients.overridesActive() && Device.CPU.equals(ComputeDevice.current());
        if (!sideBySide) {
            forEach(rows, samplesPerRow, batchSize, c -> {
                prepare.accept(c);
                finish.accept(c, work.run(c));
            });
            return;
        }
        // waves of `threads` chunks of at most `largest` pairs, their sizes differing by at most one
        int largest = Math.min(batchSize, SIDE_BY_SIDE_CHUNK_FLOATS / Math.max(1, rowSize));
        long chunks = (total + largest - 1) / largest;
        long allChunks = Math.min(total, (chunks + threads - 1) / threads * threads);
        long base = total / allChunks, longer = total % allChunks; // the first `longer` chunks hold base + 1
        Chunk[] slots = new Chunk[threads];
        for (int i = 0; i < threads; i++) slots[i] = new Chunk(samplesPerRow);
        @SuppressWarnings("unchecked")
        T[] results = (T[]) new Object[threads];
        PassHook.Listener hooks = PassHook.capture();
        for (long next = 0; next < allChunks; ) {
            int k = 0;
            for (; k < threads && next < allChunks; k++, next++) {
                slots[k].first = next * base + Math.min(next, longer);
                slots[k].size = (int) (base + (next < longer ? 1 : 0));
                prepare.accept(slots[k]);
            }
            Parallel.forRange(k, 1, (c0, c1) -> {
                for (int c = c0; c < c1; c++) {
                    try (PassHook scope = hooks == null ? null : PassHook.installAlone(hooks)) {
                        results[c] = work.run(slots[c]);
                    }
                }
            });
            for (int c = 0; c < k; c++) {
                finish.accept(slots[c], results[c]);
                results[c] = null;
            }
        }
    }

    /** One chunk: pairs [first, first + size). Its buffer is recycled from chunk to chunk. */
    public static final class Chunk {
        private final int samplesPerRow;
        private long first;
        private int size;
        private float[] buffer;

        private Chunk(int samplesPerRow) {
            this.samplesPerRow = samplesPerRow;
        }

        /** The number of the chunk's first pair. */
        public long first() {
            return first;
        }

        /** Pairs in this chunk, at least 1 and at most the batch size. */
        public int size() {
            return size;
        }

        /** The number q of the chunk's i-th pair. */
        public long pair(int i) {
            return first + i;
        }

        /** The row of the chunk's i-th pair. */
        public int row(int i) {
            return (int) ((first + i) / samplesPerRow);
        }

        /** The sample (within its row) of the chunk's i-th pair. */
        public int sample(int i) {
            return (int) ((first + i) % samplesPerRow);
        }

        /** The first row the chunk touches. */
        public int firstRow() {
            return row(0);
        }

        /** One past the last row the chunk touches. */
        public int endRow() {
            return row(size - 1) + 1;
        }

        /** A per-row value (a target) for each of the chunk's pairs. */
        public int[] perPair(int[] perRow) {
            int[] out = new int[size];
            for (int i = 0; i < size; i++) out[i] = perRow[row(i)];
            return out;
        }

        /** {@code inputShape} (N, ...) with N replaced by the chunk's size: the shape of the chunk's model input. */
        public int[] shape(int[] inputShape) {
            int[] s = inputShape.clone();
            s[0] = size;
            return s;
        }

        /**
         * Room for the chunk's size × rowSize input values: the same array from chunk to chunk (a new one only
         * when the size changes, for a shorter last chunk), so a run allocates one. Modified by the caller, who
         * must write every entry and must not keep it past the chunk.
         */
        public float[] buffer(int rowSize) {
            int n = Math.multiplyExact(size, rowSize);
            if (buffer == null || buffer.length != n) buffer = new float[n];
            return buffer;
        }
    }
}
