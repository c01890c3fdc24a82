package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.tensor.Tensor;

/**
 * The convolution's interchangeable paths: im2col + GEMM in column panels (one thread per panel) and in
 * blocks (the GEMM split between threads) give the same bits; and every path's fused ReLU is exactly the
 * ReLU of its plain output (direct, Winograd of both tile sizes, im2col).
 */
class ConvolutionPathsTest {
    private static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    private static ConvSpec spec(int[] x, int[] w, int stride, int pad) {
        return ConvSpec.of(x, w, new int[] {stride, stride}, new int[] {pad, pad}, new int[] {pad, pad}, new int[] {1, 1}, 1);
    }

    @Test
    void panelsAndBlocksGiveTheSameBits() {
        Random r = new Random(4);
        Tensor x = randn(r, 8, 24, 33, 31), w = randn(r, 40, 24, 3, 3), b = randn(r, 40);
        ConvSpec s = spec(x.shape(), w.shape(), 2, 1); // 8 images x 17 x 16 outputs: 2176 columns
        // The thread counts that select each path follow from the GEMM's own sliver width (16 or 32 columns
        // on 8- or 16-lane species): panels need two slivers per thread, else the GEMM itself is split.
        long width = (long) s.n() * s.p();
        int nr = Gemm.packedWidth(Integer.MAX_VALUE);
        int threads = Parallel.threads();
        float[] panels, blocks;
        try {
            Parallel.setThreads(2);
            assertTrue(ConvolutionKernels.panelColumns(s) > 0, "2 threads take the panels path, nr " + nr);
            panels = ConvolutionKernels.forwardIm2col(x, w, b, s, s.outShape(2), true).toArray();
            Parallel.setThreads((int) (width / (2L * nr)) + 1);
            assertEquals(0, ConvolutionKernels.panelColumns(s), "too few columns per thread: blocks, nr " + nr);
            blocks = ConvolutionKernels.forwardIm2col(x, w, b, s, s.outShape(2), true).toArray();
        } finally {
            Parallel.setThreads(threads);
        }
        assertArrayEquals(blocks, panels);
    }

    private enum Path { DIRECT, WINOGRAD_4, WINOGRAD_2, PANELS, BLOCKS }

    /** The path {@link ConvolutionKernels#forward} takes for s. */
    private static Path pathOf(ConvSpec s) {
        if (ConvolutionKernels.DIRECT && DirectConvolution.applies(s)) return Path.DIRECT;
        if (ConvolutionKernels.WINOGRAD && WinogradConvolution.applies(s)) {
            return WinogradConvolution.tileSize(s) == 4 ? Path.WINOGRAD_4 : Path.WINOGRAD_2;
        }
        return s.groups() == 1 && ConvolutionKernels.panelColumns(s) > 0 ? Path.PANELS : Path.BLOCKS;
    }

    @Test
    void theFusedReluIsTheReluOfTheOutputOnEveryPath() {
        Random r = new Random(6);
        int tile = DirectConvolution.minimumRowWidth();  // 16 or 32: the direct layer is made wide enough for either
        int[][][] layers = {
            {{4, 3, 16, 2 * tile + 4}, {16, 3, 7, 7}, {2, 3}}, // direct (few taps, rows of tile + 2 outputs)
            {{3, 32, 16, 16}, {24, 32, 3, 3}, {1, 1}},       // Winograd F(4x4) (288 taps: too many for direct)
            {{5, 32, 4, 4}, {40, 32, 3, 3}, {1, 1}},         // Winograd F(2x2)
            {{6, 32, 16, 16}, {48, 32, 3, 3}, {2, 1}},       // im2col panels (384 columns, 2 threads)
            {{1, 20, 5, 5}, {12, 20, 3, 3}, {2, 1}},         // im2col blocks (9 columns)
        };
        Path[] expected = {Path.DIRECT, Path.WINOGRAD_4, Path.WINOGRAD_2, Path.PANELS, Path.BLOCKS};
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(2);
            for (int i = 0; i < layers.length; i++) {
                int[][] l = layers[i];
                Tensor x = randn(r, l[0]), w = randn(r, l[1]), b = randn(r, l[1][0]);
                ConvSpec s = spec(l[0], l[1], l[2][0], l[2][1]);
                Path path = pathOf(s);
                if (Gemm.vectorized()) assertEquals(expected[i], path, s.toString());
                float[] plain = ConvolutionKernels.forward(x, w, b, s, s.outShape(2)).toArray();
                float[] fused = ConvolutionKernels.forwardRelu(x, w, b, s, s.outShape(2)).toArray();
                boolean anyNegative = false;
                for (int k = 0; k < plain.length; k++) {
                    anyNegative |= plain[k] < 0;
                    plain[k] = Math.max(plain[k], 0f);
                }
                assertTrue(anyNegative, "a layer with negative outputs");
                assertArrayEquals(plain, fused, path + " " + s);
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }
}
