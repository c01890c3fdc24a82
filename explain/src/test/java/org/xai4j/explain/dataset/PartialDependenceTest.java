package org.xai4j.explain.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.testing.FunctionModel;
import org.xai4j.explain.testing.Games;

class PartialDependenceTest {
    private static Tensor column(Tensor x, int j) {
        return Ops.slice(x, 1, j, j + 1, 1);
    }

    @Test
    void mquantilesMatchesScipy() {
        // scipy.stats.mstats.mquantiles(np.arange(100), prob=[0.05, 0.95]) = [4.41, 94.59]
        double[] a = new double[100];
        for (int i = 0; i < 100; i++) a[i] = i;
        assertEquals(4.41, PartialDependence.mquantile(a, 0.05), 1e-12);
        assertEquals(94.59, PartialDependence.mquantile(a, 0.95), 1e-12);
        // x = [(i * 37 % 101) / 7 for i in range(40)]: [0.60428571, 13.68142857], prob 0.3: 4.20857143
        double[] x = new double[40];
        for (int i = 0; i < 40; i++) x[i] = (i * 37 % 101) / 7.0;
        Arrays.sort(x);
        assertEquals(0.60428571, PartialDependence.mquantile(x, 0.05), 1e-8);
        assertEquals(13.68142857, PartialDependence.mquantile(x, 0.95), 1e-8);
        assertEquals(4.20857143, PartialDependence.mquantile(x, 0.3), 1e-8);
        // [0.5, 2.25, -1, 3, 10, 4.5, 7]: [-1, 10]
        double[] s = {-1, 0.5, 2.25, 3, 4.5, 7, 10};
        assertEquals(-1, PartialDependence.mquantile(s, 0.05), 1e-12);
        assertEquals(10, PartialDependence.mquantile(s, 0.95), 1e-12);
    }

    @Test
    void gridIsUniqueValuesOrPercentileLinspace() {
        float[] x = new float[100];
        for (int i = 0; i < 100; i++) x[i] = 99 - i;
        // np.linspace(4.41, 94.59, 5) = [4.41, 26.955, 49.5, 72.045, 94.59]
        assertArrayEquals(new double[] {4.41, 26.955, 49.5, 72.045, 94.59}, PartialDependence.grid(x, 100, 1, 0, 5), 1e-9);
        // fewer unique values than the resolution: the sorted unique values
        assertArrayEquals(new double[] {0, 1, 2}, PartialDependence.grid(new float[] {2, 0, 1, 1, 2, 0}, 6, 1, 0, 100), 0);
    }

    @Test
    void pdpOfXSquaredIsTheParabolaAndSoIsEveryIceCurve() {
        Tensor data = Games.normalRows(200, 3, 4);
        FunctionModel f = new FunctionModel(x -> { Tensor x0 = column(x, 0); return Ops.mul(x0, x0); });
        PartialDependenceResult r = new PartialDependence(new PartialDependenceOptions(new int[] {0}, 25, true, 64)).compute(f, data);
        double[] grid = r.grid()[0];
        assertEquals(25, grid.length);
        for (int g = 0; g < 25; g++) {
            float v = (float) grid[g];
            assertEquals(v * v, r.average().get(0, g), 1e-6f);
            for (int i = 0; i < 200; i += 37) assertEquals(v * v, r.ice().get(i, 0, g), 0f);
        }
        assertArrayEquals(new int[] {200, 1, 25}, r.ice().shape());
    }

    @Test
    void otherFeaturesAverageOutAndTwoFeaturesGiveASurface() {
        Tensor data = Games.normalRows(50, 3, 5);
        float[] v = data.toArray();
        double meanX1 = 0;
        for (int i = 0; i < 50; i++) meanX1 += v[i * 3 + 1] / 50;
        // f = [x0² + x1, x0 · x2]: PD_0(a) = [a² + mean x1, a · mean x2]; PD_{0,2}(a, b) = [a² + mean x1, a b]
        FunctionModel f = new FunctionModel(x -> Ops.concat(1,
                Ops.add(Ops.mul(column(x, 0), column(x, 0)), column(x, 1)), Ops.mul(column(x, 0), column(x, 2))));
        PartialDependenceResult one = new PartialDependence(new PartialDependenceOptions(0)).compute(f, data);
        assertEquals(50, one.grid()[0].length); // 50 unique values < 100
        assertNull(one.ice());
        for (int g = 0; g < 50; g++) {
            double a = (float) one.grid()[0][g];
            assertEquals(a * a + meanX1, one.average().get(0, g), 1e-5);
        }
        PartialDependenceResult two = new PartialDependence(new PartialDependenceOptions(new int[] {0, 2}, 4, false, 33)).compute(f, data);
        assertArrayEquals(new int[] {2, 4, 4}, two.average().shape());
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double va = (float) two.grid()[0][a], vb = (float) two.grid()[1][b];
                assertEquals(va * va + meanX1, two.average().get(0, a, b), 1e-5);
                assertEquals(va * vb, two.average().get(1, a, b), 1e-5);
            }
        }
    }

    @Test
    void sameResultForEveryBatchSize() {
        Tensor data = Games.normalRows(30, 4, 6);
        FunctionModel f = Games.randomMlp(4, 2, 7);
        float[] reference = new PartialDependence(new PartialDependenceOptions(new int[] {1}, 10, true, 1)).compute(f, data).ice().toArray();
        for (int batch : new int[] {7, 30, 1000}) {
            assertArrayEquals(reference, new PartialDependence(new PartialDependenceOptions(new int[] {1}, 10, true, batch)).compute(f, data).ice().toArray(), 0f);
        }
    }

    @Test
    void clearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PartialDependenceOptions(new int[] {0, 1}, 10, true, 8));
        assertEquals("--ice draws one curve per row and needs a single --feature", e.getMessage());
        FunctionModel f = Games.randomMlp(4, 1, 7);
        var o = assertThrows(IllegalArgumentException.class,
                () -> new PartialDependence(new PartialDependenceOptions(4)).compute(f, Games.normalRows(5, 4, 1)));
        assertEquals("--feature 4 is outside a row of 4 values", o.getMessage());
    }
}
