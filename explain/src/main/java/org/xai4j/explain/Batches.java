package org.xai4j.explain;

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
