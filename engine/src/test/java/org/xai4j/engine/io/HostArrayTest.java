package org.xai4j.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostArrayTest {

    @Test
    void factoriesCheckTheShape() {
        assertEquals("shape [2, 3] holds 6 elements but 5 float32 values were given",
                assertThrows(IllegalArgumentException.class,
                        () -> HostArray.ofFloat(new int[] {2, 3}, new float[5])).getMessage());
        assertEquals("negative size in shape [-1, 3]",
                assertThrows(IllegalArgumentException.class,
                        () -> HostArray.ofLong(new int[] {-1, 3}, new long[0])).getMessage());
        assertEquals("shape [65536, 65536] has more than 2147483639 elements",
                assertThrows(IllegalArgumentException.class,
                        () -> HostArray.ofBool(new int[] {65536, 65536}, new boolean[0])).getMessage());
        HostArray scalar = HostArray.ofDouble(new int[] {}, new double[] {2.5});
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals("HostArray(float64, [])", scalar.toString());
    }

    @Test
    void isImmutable() {
        int[] shape = {3};
        float[] data = {1, 2, 3};
        HostArray a = HostArray.ofFloat(shape, data);
        data[0] = 99;
        shape[0] = 7;
        a.toFloatArray()[1] = 99;
        a.shape()[0] = 7;
        assertArrayEquals(new float[] {1, 2, 3}, a.toFloatArray());
        assertArrayEquals(new int[] {3}, a.shape());
    }

    @Test
    void convertsBetweenTypes() {
        HostArray bools = HostArray.ofBool(new int[] {3}, new boolean[] {true, false, true});
        assertArrayEquals(new float[] {1, 0, 1}, bools.toFloatArray());
        assertArrayEquals(new long[] {1, 0, 1}, bools.toLongArray());
        HostArray bytes = HostArray.ofUint8(new int[] {3}, new byte[] {0, (byte) 200, (byte) 255});
        assertArrayEquals(new int[] {0, 200, 255}, bytes.toIntArray());
        assertArrayEquals(new double[] {0, 200, 255}, bytes.toDoubleArray());
        HostArray doubles = HostArray.ofDouble(new int[] {2}, new double[] {0.1, 1e40});
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY}, doubles.toFloatArray());
        // 2^60 + 2^36 + 1 rounds to 2^60 + 2^37 as a float, but to 2^60 when it passes through double first.
        long x = (1L << 60) + (1L << 36) + 1;
        assertEquals(0x1.000002p60f, HostArray.ofLong(new int[] {1}, new long[] {x}).toFloatArray()[0]);
        assertArrayEquals(new long[] {-5, 7}, HostArray.ofInt(new int[] {2}, new int[] {-5, 7}).toLongArray());
    }

    @Test
    void refusesLossyOrMeaninglessConversions() {
        HostArray floats = HostArray.ofFloat(new int[] {1}, new float[] {1.5f});
        assertEquals("toLongArray needs an integer or bool array, this one is float32; use toFloatArray or toDoubleArray",
                assertThrows(IllegalStateException.class, floats::toLongArray).getMessage());
        assertEquals("toBooleanArray needs a bool array, this one is float32",
                assertThrows(IllegalStateException.class, floats::toBooleanArray).getMessage());
        HostArray big = HostArray.ofLong(new int[] {2}, new long[] {1, 1L << 40});
        assertEquals("int64 value 1099511627776 at flat index 1 does not fit an int32",
                assertThrows(ArithmeticException.class, big::toIntArray).getMessage());
    }

    @Test
    void equalityComparesDtypeShapeAndBits() {
        HostArray a = HostArray.ofFloat(new int[] {2}, new float[] {Float.NaN, 1});
        assertEquals(a, HostArray.ofFloat(new int[] {2}, new float[] {Float.NaN, 1}));
        assertEquals(a.hashCode(), HostArray.ofFloat(new int[] {2}, new float[] {Float.NaN, 1}).hashCode());
        assertNotEquals(a, HostArray.ofFloat(new int[] {1, 2}, new float[] {Float.NaN, 1}));
        assertNotEquals(HostArray.ofInt(new int[] {1}, new int[] {1}), HostArray.ofLong(new int[] {1}, new long[] {1}));
        assertNotEquals(HostArray.ofFloat(new int[] {1}, new float[] {0f}), HostArray.ofFloat(new int[] {1}, new float[] {-0f}));
    }
}
