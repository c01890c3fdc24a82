package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        int threads = Parallel.threads();
        float[] panels, blocks;
        try {
            Parallel.setThreads(2);   // 2176 >= 2 * 2 * 32 columns: panels
            panels = ConvolutionKernels.forwardIm2col(x, w, b, s, s.outShape(2), true).toArray();
            Parallel.setThreads(64);  // 2176 < 2 * 64 * 32: blocks, the GEMM split between threads
            blocks = ConvolutionKernels.forwardIm2col(x, w, b, s, s.outShape(2), true).toArray();
        } finally {
            Parallel.setThreads(threads);
        }
        assertArrayEquals(blocks, panels);
    }

    @Test
    void theFusedReluIsTheReluOfTheOutputOnEveryPath() {
        Random r = new Random(6);
        int[][][] layers = {
            {{4, 3, 64, 64}, {16, 3, 7, 7}, {2, 3}},   // direct (few taps, wide rows)
            {{3, 16, 16, 16}, {24, 16, 3, 3}, {1, 1}}, // Winograd F(4x4)
            {{5, 32, 4, 4}, {40, 32, 3, 3}, {1, 1}},   // Winograd F(2x2)
            {{6, 32, 16, 16}, {48, 32, 3, 3}, {2, 1}}, // im2col panels
            {{1, 20, 5, 5}, {12, 20, 3, 3}, {2, 1}},   // im2col blocks
        };
        for (int[][] l : layers) {
            Tensor x = randn(r, l[0]), w = randn(r, l[1]), b = randn(r, l[1][0]);
            ConvSpec s = spec(l[0], l[1], l[2][0], l[2][1]);
            float[] plain = ConvolutionKernels.forward(x, w, b, s, s.outShape(2)).toArray();
            float[] fused = ConvolutionKernels.forwardRelu(x, w, b, s, s.outShape(2)).toArray();
            boolean anyNegative = false;
            for (int i = 0; i < plain.length; i++) {
                anyNegative |= plain[i] < 0;
                plain[i] = Math.max(plain[i], 0f);
            }
            assertTrue(anyNegative, "a layer with negative outputs");
            assertArrayEquals(plain, fused, s.toString());
        }
    }
}
