package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * The broadcast walk of {@link BinaryKernels} (size-1 axes dropped, axes folded where both operands allow)
 * against the definition, element by element: out[i] = a[broadcast i] op b[broadcast i].
 */
class BroadcastWalkTest {
    private static final int[][][] CASES = {
        {{4096, 1}, {1}}, {{7, 1}, {7, 1}}, {{5, 32}, {32}}, {{5, 32}, {5, 1}}, {{2, 3, 4}, {3, 1}},
        {{2, 1, 4}, {1, 3, 1}}, {{1, 1, 6}, {6}}, {{3, 1, 1, 5}, {1, 2, 1, 1}}, {{1}, {1}}, {{}, {4, 2}},
        {{2, 3, 4, 5}, {1, 3, 1, 5}}, {{6, 1, 1}, {1, 1, 1}},
    };

    @Test
    void everyBroadcastMatchesTheDefinition() {
        Random rnd = new Random(3);
        for (int[][] c : CASES) {
            for (boolean transposeA : new boolean[] {false, true}) {
                Tensor a = random(rnd, c[0]);
                if (transposeA && a.dim() >= 2) {
                    // the same values seen through a permuted (non-contiguous) view
                    int[] s = c[0].clone();
                    int last = s.length - 1;
                    int t = s[last];
                    s[last] = s[last - 1];
                    s[last - 1] = t;
                    a = Ops.transpose(random(rnd, s), last - 1, last);
                }
                Tensor b = random(rnd, c[1]);
                check(a, b, Ops.add(a, b), true);
                check(b, a, Ops.mul(b, a), false);
            }
        }
    }

    private static void check(Tensor a, Tensor b, Tensor out, boolean add) {
        int[] shape = out.shape();
        int n = Shape.numel(shape);
        for (int flat = 0; flat < n; flat++) {
            int[] idx = new int[shape.length];
            for (int ax = shape.length - 1, rem = flat; ax >= 0; ax--) {
                idx[ax] = rem % shape[ax];
                rem /= shape[ax];
            }
            float x = a.get(aligned(idx, a.shape())), y = b.get(aligned(idx, b.shape()));
            assertEquals(add ? x + y : x * y, out.get(idx), "at " + java.util.Arrays.toString(idx)
                    + " of " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        }
    }

    private static int[] aligned(int[] idx, int[] shape) {
        int[] r = new int[shape.length];
        for (int i = 0; i < shape.length; i++) r[i] = shape[i] == 1 ? 0 : idx[idx.length - shape.length + i];
        return r;
    }

    private static Tensor random(Random rnd, int[] shape) {
        float[] v = new float[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return Tensor.of(v, shape);
    }
}
