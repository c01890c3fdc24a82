package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * The ReLU backward rule when the gradient arrives as one value per plane (after a global average pool, as
 * in a CNN's last layers): the row loop takes the broadcast value directly. Against the definition.
 */
class ReluGradBroadcastTest {
    @Test
    void aGradientBroadcastOverThePlaneIsMaskedByTheInputsSign() {
        Random r = new Random(5);
        // planes of 37 and 70 values: whole vectors at 8 and 16 lanes, and scalar ends
        for (int[] shape : new int[][] {{2, 3, 5, 7}, {1, 4, 7, 10}}) {
            Tensor x = Tensor.zeros(shape);
            for (int i = 0; i < x.numel(); i++) x.data()[i] = i % 5 == 0 ? 0f : (float) r.nextGaussian();
            Tensor c = Tensor.zeros(shape[0], shape[1], 1, 1);
            for (int i = 0; i < c.numel(); i++) c.data()[i] = (float) r.nextGaussian();
            Tensor dx;
            try (GradMode.Scope on = GradMode.enableGrad()) {
                Tensor leaf = x.detach().requiresGrad(true);
                Tensor loss = Ops.sum(Ops.mul(Ops.globalAvgPool(Ops.relu(leaf)), c));
                dx = Gradients.gradOfSum(loss, leaf)[0].contiguous();
            }
            int plane = shape[2] * shape[3];
            for (int i = 0; i < x.numel(); i++) {
                float g = c.data()[i / plane] / plane;
                assertEquals(x.data()[i] > 0 ? g : 0f, dx.data()[i], Math.ulp(g) * 2, "element " + i);
            }
        }
    }
}
