package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;

/**
 * Every GEMM path follows one summation order ({@link GemmSummation}), so results are bit-identical
 * across thread counts, across the vector and scalar kernels, and between the blocked and direct paths.
 */
class GemmDeterminismTest {
    @Test
    void bitIdenticalForOneAndTwoThreads() {
        int previous = Parallel.threads();
        Random rnd = new Random(5);
        try {
            // large enough that packing and tiles both go to the pool (see BlockedGemm thresholds)
            int[][] shapes = {{520, 300, 1300}, {700, 40, 1500}, {30, 900, 1200}};
            for (int[] s : shapes) {
                for (int trans = 0; trans < 4; trans++) {
                    GemmTestSupport t = new GemmTestSupport(rnd, (trans & 1) != 0, (trans & 2) != 0, s[0], s[1], s[2],
                            1f, trans == 2 ? 0.5f : 0f, 1);
                    Parallel.setThreads(1);
                    float[] one = t.runGemm();
                    Parallel.setThreads(2);
                    float[] two = t.runGemm();
                    Parallel.setThreads(3);
                    float[] three = t.runGemm();
                    assertArrayEquals(one, two, "1 vs 2 threads, " + t);
                    assertArrayEquals(one, three, "1 vs 3 threads, " + t);
                }
            }
        } finally {
            Parallel.setThreads(previous);
        }
    }

    @Test
    void vectorScalarAndDirectPathsAreBitIdentical() {
        Assumptions.assumeTrue(Gemm.vectorized(), "jdk.incubator.vector not available: only the scalar path runs");
        Random rnd = new Random(9);
        // shapes that take each kernel width, A in place and the transposed orientation
        // {50, 24, 40}, {9, 12, 33}: A read in place by the wide kernel (in halves with 8 lanes)
        int[][] shapes = {{37, 45, 300}, {64, 1024, 147}, {256, 16, 520}, {512, 4, 600}, {70, 3, 300}, {1, 300, 70}, {3, 3, 3},
            {50, 24, 40}, {9, 12, 33}, {4000, 32, 10}};
        for (int[] s : shapes) {
            for (int trans = 0; trans < 4; trans++) {
                GemmTestSupport t = new GemmTestSupport(rnd, (trans & 1) != 0, (trans & 2) != 0, s[0], s[1], s[2],
                        -0.5f, trans == 1 ? 2f : 0f, 2);
                float[] vector = t.runBlocked(Gemm.KERNELS);
                float[] wideOnly = t.runBlocked(Gemm.KERNELS[0]);
                float[] scalar = t.runBlocked(ScalarMicroKernel.INSTANCE);
                float[] direct = t.runSmall();
                assertArrayEquals(direct, vector, "direct vs vector, " + t);
                assertArrayEquals(direct, wideOnly, "direct vs wide kernel only, " + t);
                assertArrayEquals(direct, scalar, "direct vs scalar, " + t);
            }
        }
    }
}
