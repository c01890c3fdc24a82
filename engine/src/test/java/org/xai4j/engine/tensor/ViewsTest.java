package org.xai4j.engine.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewsTest {
    private static Tensor arange(int... shape) {
        float[] d = new float[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return Tensor.of(d, shape);
    }

    @Test
    void transposeIsAViewWithSwappedStrides() {
        Tensor x = arange(2, 3);
        Tensor t = Views.transpose(x, 0, 1);
        assertSame(x.data(), t.data());
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertArrayEquals(new int[] {1, 3}, t.strides());
        assertFalse(t.isContiguous());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toArray());
    }

    @Test
    void sliceWithStepAndNegativeStart() {
        Tensor x = arange(4, 5);
        assertArrayEquals(new float[] {1, 3, 6, 8, 11, 13, 16, 18}, Views.slice(x, 1, 1, 5, 2).toArray());
        assertArrayEquals(new float[] {15, 16, 17, 18, 19}, Views.slice(x, 0, -1, 99, 1).toArray());
        assertEquals(0, Views.slice(x, 0, 3, 2, 1).numel());
    }

    @Test
    void expandUsesZeroStrides() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor e = Views.expand(x, 2, 3, 4);
        assertArrayEquals(new int[] {0, 1, 0}, e.strides());
        assertEquals(3f, e.get(1, 2, 3));
        assertThrows(ShapeException.class, () -> Views.expand(x, 2, 4));
    }

    @Test
    void reshapeInfersOneAxisAndCopiesOnlyWhenNeeded() {
        Tensor x = arange(2, 6);
        Tensor r = Views.reshape(x, 3, -1);
        assertSame(x.data(), r.data());
        assertArrayEquals(new int[] {3, 4}, r.shape());
        Tensor t = Views.reshape(Views.transpose(x, 0, 1), -1);
        assertArrayEquals(new float[] {0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11}, t.toArray());
        ShapeException e = assertThrows(ShapeException.class, () -> Views.reshape(x, 5, -1));
        assertTrue(e.getMessage().contains("[2,6]") && e.getMessage().contains("[5,-1]"), e.getMessage());
    }

    @Test
    void squeezeUnsqueezePermute() {
        Tensor x = arange(2, 1, 3);
        assertArrayEquals(new int[] {2, 3}, Views.squeeze(x).shape());
        assertArrayEquals(new int[] {2, 1, 1, 3}, Views.unsqueeze(x, 1).shape());
        Tensor p = Views.permute(arange(2, 3, 4), 2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        assertEquals(arange(2, 3, 4).get(1, 2, 3), p.get(3, 1, 2));
        assertThrows(ShapeException.class, () -> Views.squeeze(x, 0));
    }

    @Test
    void broadcastErrorNamesTheOpAndBothShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> Shape.broadcast("add", new int[] {2, 3}, new int[] {4}));
        assertTrue(e.getMessage().startsWith("add: shapes [2,3] and [4]"), e.getMessage());
        assertArrayEquals(new int[] {5, 2, 3}, Shape.broadcast("mul", new int[] {5, 1, 3}, new int[] {2, 1}));
    }

    @Test
    void absurdShapesAreRefusedBeforeAllocating() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(100000, 100000, 1000));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, -1));
    }
}
