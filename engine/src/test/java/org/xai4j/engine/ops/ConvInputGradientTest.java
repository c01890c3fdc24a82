package org.xai4j.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.tensor.Tensor;

/**
 * The stride-1 input gradient runs as a convolution with flipped weights, cached for constant weight
 * tensors: the cached path gives the same bits as the uncached one (trainable weights), and a second
 * constant weight tensor gets its own flip, not the first one's.
 */
class ConvInputGradientTest {
    private static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) t.data()[i] = (float) r.nextGaussian();
        return t;
    }

    private static float[] inputGradient(Tensor x, Tensor w) {
        Tensor xi = x.detach().requiresGrad(true);
        Tensor y = Ops.conv(xi, w, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);
        return Gradients.gradOfSum(Ops.mul(y, y), xi)[0].contiguous().toArray();
    }

    @Test
    void cachedFlipMatchesFreshFlipAndFollowsTheWeightTensor() {
        Random r = new Random(3);
        Tensor x = randn(r, 2, 5, 6, 7);
        Tensor w1 = randn(r, 4, 5, 3, 3), w2 = randn(r, 4, 5, 3, 3);
        float[] trainable1 = inputGradient(x, w1.detach().requiresGrad(true));
        float[] constant1 = inputGradient(x, w1);
        float[] again1 = inputGradient(x, w1);
        float[] trainable2 = inputGradient(x, w2.detach().requiresGrad(true));
        float[] constant2 = inputGradient(x, w2);
        assertArrayEquals(trainable1, constant1);
        assertArrayEquals(trainable1, again1);
        assertArrayEquals(trainable2, constant2);
    }
}
