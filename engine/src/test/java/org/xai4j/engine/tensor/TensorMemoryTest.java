package org.xai4j.engine.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test JVM runs with -Dxai4j.recycle.check=true: given-back storage is NaN-filled. */
class TensorMemoryTest {
    private static final int N = 8192; // above the recycling threshold

    @Test
    void aLaterScopeReusesWhatAnEarlierOneGaveBack() {
        float[] first;
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            first = Tensor.zeros(N).data();
        }
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            assertSame(first, Tensor.empty(N).data());
            assertNotSame(first, Tensor.empty(N).data()); // one scope never gets the same array twice
        }
    }

    @Test
    void zerosAreZeroEvenWhenRecycledAndGivenBackStorageIsPoisoned() {
        float[] a;
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            Tensor t = Tensor.full(3f, N);
            a = t.data();
        }
        // the check mode filled it with NaN on the way back
        assertTrue(Float.isNaN(a[0]) && Float.isNaN(a[N - 1]));
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            Tensor z = Tensor.zeros(N);
            assertSame(a, z.data());
            for (float v : z.data()) assertEquals(0f, v);
        }
    }

    @Test
    void nothingIsRecycledOutsideAScopeOrForSmallTensors() {
        float[] small;
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            small = Tensor.zeros(16).data();
        }
        assertEquals(0f, small[0]); // not given back, so not poisoned
        float[] outside = Tensor.zeros(N).data();
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            assertNotSame(outside, Tensor.empty(N).data());
        }
        assertEquals(0f, outside[0]);
    }

    @Test
    void nestedScopesGiveBackOnlyTheirOwnStorage() {
        try (TensorMemory.Scope outer = TensorMemory.recycling()) {
            Tensor kept = Tensor.full(1f, N);
            try (TensorMemory.Scope inner = TensorMemory.recycling()) {
                Tensor.full(2f, N);
            }
            assertEquals(1f, kept.data()[N - 1]);
        }
    }

    @Test
    void clearDropsWhatScopesGaveBack() {
        float[] first;
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            first = Tensor.zeros(N).data();
        }
        TensorMemory.clear();
        try (TensorMemory.Scope s = TensorMemory.recycling()) {
            assertNotSame(first, Tensor.empty(N).data());
        }
    }

    @Test
    void scopesMustCloseOnceAndInOrder() {
        TensorMemory.Scope outer = TensorMemory.recycling();
        TensorMemory.Scope inner = TensorMemory.recycling();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        assertThrows(IllegalStateException.class, inner::close);
        outer.close();
    }
}
