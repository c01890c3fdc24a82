package org.xai4j.engine.backend.cpu;

/**
 * Per-thread scratch arrays that kernels reuse across calls instead of allocating. The im2col column
 * matrix of a convolution is megabytes; allocating it per call cost more than the GEMM it feeds
 * (ConvolutionBench, accept layer: 11.5 MB allocated and ~40 % of the time in allocation and GC).
 *
 * <p>A slot's contents are undefined on entry: callers overwrite what they read. Kernels that use a
 * slot must not call another kernel that uses the same slot on the same thread.
 */
final class Workspace {
    /** Im2col / col2im column matrices. */
    static final int COLUMNS = 0;
    /** Convolution output or gradient gathered in GEMM layout. */
    static final int GEMM_OUT = 1;
    /** Winograd convolution's channels-last, zero-padded input block. */
    static final int CHANNELS_LAST = 2;
    private static final int SLOTS = 3;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    private Workspace() {}

    /** A scratch array of at least {@code size} floats for this thread and slot (contents undefined). */
    static float[] get(int slot, int size) {
        float[][] buffers = BUFFERS.get();
        if (buffers[slot].length < size) buffers[slot] = new float[size];
        return buffers[slot];
    }
}
