package org.xai4j.explain.perturbation;

import org.xai4j.explain.Baseline;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.Fixtures;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.engine.ops.Ops;

class OcclusionTest {
    @Test
    void captumDnaCnnWindow4x5Stride4x1() throws Exception {
        Occlusion occlusion = new Occlusion(new OcclusionOptions(new int[] {4, 5}, new int[] {4, 1}, Baseline.ZERO, 64));
        Tensor got = occlusion.attribute(Fixtures.model("dna_cnn"), Fixtures.tensor("dna_cnn", "input.npy"), Fixtures.targets("dna_cnn"));
        Fixtures.assertClose("dna_cnn occlusion_4x5", got, Fixtures.tensor("dna_cnn", "expected_occlusion_4x5.npy"), 1e-3);
    }

    @Test
    void captumImageCnnWindow3x8x8Stride3x4x4() throws Exception {
        Occlusion occlusion = new Occlusion(new OcclusionOptions(new int[] {3, 8, 8}, new int[] {3, 4, 4}, Baseline.ZERO, 32));
        Tensor got = occlusion.attribute(Fixtures.model("image_cnn"), Fixtures.tensor("image_cnn", "input.npy"), Fixtures.targets("image_cnn"));
        Fixtures.assertClose("image_cnn occlusion", got, Fixtures.tensor("image_cnn", "expected_occlusion.npy"), 1e-3);
    }

    @Test
    void captumMultiLayerWindowOfOne() {
        // test_occlusion.py: window (1,) on BasicModel_MultiLayer at [20, 50, 30] -> [80, 200, 120]
        Tensor got = new Occlusion(new OcclusionOptions(1)).attribute(ClosedFormModels.multiLayer(),
                Tensor.of(new float[] {20, 50, 30}, 1, 3), new int[] {0});
        assertArrayEquals(new float[] {80, 200, 120}, got.toArray(), 1e-4f);
    }

    @Test
    void captumConvNetOneWindowOverTheWholeImage() {
        // test_occlusion.py: window (1,4,4) on ConvNet_One_Conv with x = arange(16), x2 = ones -> 67 everywhere
        Tensor x = Ops.reshape(ClosedFormModels.arange(16), 1, 1, 4, 4);
        Tensor got = new Occlusion(new OcclusionOptions(1, 4, 4)).attribute(ClosedFormModels.convNetOneConvPlusOnes(), x, new int[] {0});
        float[] expected = new float[16];
        java.util.Arrays.fill(expected, 67f);
        assertArrayEquals(expected, got.toArray(), 1e-4f);
    }

    @Test
    void lastPartialWindowIsCroppedAndCoverageAveraged() {
        // f(x) = sum of x: occluding window w drops sum(x over w). Row of 7 ones, window 3, stride 2:
        // counts = ceil((7-3)/2)+1 = 3 starts 0, 2, 4 -> windows [0,3) [2,5) [4,7), each drop 3.
        // Row of 8 ones: ceil(5/2)+1 = 4 starts 0,2,4,6; the last window [6,8) is cropped (drop 2).
        FunctionModel sum = new FunctionModel(x -> Ops.sum(x, true, 1));
        Occlusion occ = new Occlusion(new OcclusionOptions(new int[] {3}, new int[] {2}, Baseline.ZERO, 5));
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3, 3}, occ.attribute(sum, Tensor.ones(1, 7), null).toArray(), 0f);
        // element 6 and 7 are covered by windows [4,7) (drop 3) and [6,8) (drop 2): mean 2.5 for 6, 2 for 7
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3, 2.5f, 2}, occ.attribute(sum, Tensor.ones(1, 8), null).toArray(), 0f);
    }

    @Test
    void tensorBaselineAndEveryBatchSizeGiveTheSameResult() throws Exception {
        Tensor input = Fixtures.tensor("image_cnn", "input.npy");
        Tensor baseline = Tensor.full(0.5f, 3, 1, 1); // per channel, broadcast over H, W and the batch
        Tensor reference = null;
        for (int batch : new int[] {1, 5, 49, 200}) {
            Tensor got = new Occlusion(new OcclusionOptions(new int[] {1, 8, 8}, new int[] {1, 8, 8}, Baseline.of(baseline), batch))
                    .attribute(Fixtures.model("image_cnn"), input, null);
            if (reference == null) reference = got;
            assertArrayEquals(reference.toArray(), got.toArray(), 0f, "batch size " + batch);
        }
    }

    @Test
    void clearErrors() {
        FunctionModel sum = new FunctionModel(x -> Ops.sum(x, true, 1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Occlusion(new OcclusionOptions(9)).attribute(sum, Tensor.ones(1, 7), null));
        assertEquals("--window [9] does not fit an input row of shape [7] (each size must be in [1, axis size])", e.getMessage());
        var r = assertThrows(IllegalArgumentException.class,
                () -> new Occlusion(new OcclusionOptions(2, 2)).attribute(sum, Tensor.ones(1, 7), null));
        assertEquals("--window has 2 sizes but an input row has 1 axes [7]", r.getMessage());
    }
}
