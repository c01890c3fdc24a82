package org.xai4j.engine.backend.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastMathTest {
    @Test
    void expIsWithinTwoUlpsOfTheCorrectlyRoundedValueOverTheWholeRange() {
        double worst = 0;
        for (int i = 0; i <= 2_000_000; i++) {
            float x = -103f + (88.7f + 103f) * i / 2_000_000f;
            float got = FastMath.exp(x);
            float want = (float) Math.exp(x);
            if (want == 0f || Float.isInfinite(want)) continue;
            double ulps = Math.abs(got - want) / Math.ulp(want);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    @Test
    void expEdgeCases() {
        assertEquals(1f, FastMath.exp(0f));
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(100f));
        assertEquals(0f, FastMath.exp(-200f));
        assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
        assertEquals((float) Math.E, FastMath.exp(1f), Math.ulp((float) Math.E));
    }
}
