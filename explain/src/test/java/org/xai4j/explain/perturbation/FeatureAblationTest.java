package org.xai4j.explain.perturbation;

import org.xai4j.explain.Baseline;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.ClosedFormModels;
import org.xai4j.explain.testing.Fixtures;
import org.xai4j.explain.testing.FunctionModel;

class FeatureAblationTest {
    private static final Tensor X = Tensor.of(new float[] {20, 50, 30}, 1, 3);

    private static float[] ablate(FunctionModel model, Tensor x, FeatureMask mask, Baseline baseline, int batch) {
        return new FeatureAblation(new FeatureAblationOptions(baseline, mask, batch)).attribute(model, x, new int[] {0}).toArray();
    }

    @Test
    void captumIrisMlpOneFeatureAtATime() throws Exception {
        Tensor got = new FeatureAblation(new FeatureAblationOptions())
                .attribute(Fixtures.model("iris_mlp"), Fixtures.tensor("iris_mlp", "input.npy"), Fixtures.targets("iris_mlp"));
        Fixtures.assertClose("iris_mlp feature_ablation", got, Fixtures.tensor("iris_mlp", "expected_feature_ablation.npy"), 1e-3);
    }

    @Test
    void captumImageCnnWithHxWMaskBroadcastOverChannels() throws Exception {
        HostArray mask = Fixtures.array("image_cnn", "mask.npy");
        Tensor got = new FeatureAblation(new FeatureAblationOptions(Baseline.ZERO, FeatureMask.of(mask.toLongArray(), mask.shape()), 4))
                .attribute(Fixtures.model("image_cnn"), Fixtures.tensor("image_cnn", "input.npy"), Fixtures.targets("image_cnn"));
        Fixtures.assertClose("image_cnn feature_ablation_mask", got, Fixtures.tensor("image_cnn", "expected_feature_ablation_mask.npy"), 1e-3);
    }

    @Test
    void captumClosedFormCasesForEveryBatchSize() {
        for (int batch : new int[] {1, 2, 3}) { // Captum checks perturbations_per_eval 1, 2, 3
            FunctionModel net = ClosedFormModels.multiLayer();
            assertArrayEquals(new float[] {80, 200, 120}, ablate(net, X, null, Baseline.ZERO, batch), 1e-4f);
            FeatureMask mask = FeatureMask.of(new int[] {0, 0, 1}, 1, 3);
            assertArrayEquals(new float[] {280, 280, 120}, ablate(net, X, mask, Baseline.ZERO, batch), 1e-4f);
            assertArrayEquals(new float[] {248, 248, 104}, ablate(net, X, mask, Baseline.scalar(4), batch), 1e-4f);
            // per-row masks: test_multi_sample_ablation_with_mask
            Tensor two = Tensor.of(new float[] {2, 10, 3, 20, 50, 30}, 2, 3);
            FeatureMask rows = FeatureMask.of(new int[] {0, 0, 1, 1, 1, 0}, 2, 3);
            assertArrayEquals(new float[] {41, 41, 12, 280, 280, 120},
                    new FeatureAblation(new FeatureAblationOptions(Baseline.ZERO, rows, batch)).attribute(net, two, new int[] {0}).toArray(), 1e-4f);
            assertArrayEquals(new float[] {8, 35, 12, 80, 200, 120},
                    new FeatureAblation(new FeatureAblationOptions(Baseline.ZERO, null, batch)).attribute(net, two, new int[] {0}).toArray(), 1e-4f);
        }
    }

    @Test
    void captumBasicModelOnlyTheTargetColumnMoves() {
        // test_simple_ablation_int_to_int: BasicModel f(x) = 1 - ReLU(1 - x) elementwise at [-3, 1, 2], target 0
        FunctionModel basic = new FunctionModel(x -> Ops.affine(Ops.relu(Ops.affine(x, -1f, 1f)), -1f, 1f));
        assertArrayEquals(new float[] {-3, 0, 0}, ablate(basic, Tensor.of(new float[] {-3, 1, 2}, 1, 3), null, Baseline.ZERO, 2), 0f);
    }

    @Test
    void captumConvNetElementwise() {
        // test_simple_multi_input_conv, first input, one element at a time (second input stays ones)
        Tensor x = Ops.reshape(ClosedFormModels.arange(16), 1, 1, 4, 4);
        float[] got = new FeatureAblation(new FeatureAblationOptions(Baseline.ZERO, null, 7))
                .attribute(ClosedFormModels.convNetOneConvPlusOnes(), x, new int[] {0}).toArray();
        assertArrayEquals(new float[] {0, 2, 4, 3, 4, 9, 10, 7, 4, 13, 14, 11, 0, 0, 0, 0}, got, 1e-4f);
    }
}
