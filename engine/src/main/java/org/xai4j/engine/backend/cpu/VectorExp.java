package org.xai4j.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastMath#exp} (and the logistic function built on it) over whole vectors: the same operations
 * in the same order, no fused multiply-adds, so each lane gives the scalar's bits. The only class of
 * the elementwise kernels that touches {@code jdk.incubator.vector}; {@link UnaryKernels} loads it by
 * name and falls back to the scalar loop without the module.
 */
final class VectorExp {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorExp() {}

    /** Fails (so the caller falls back) when the species is too short to be worth it. */
    static void check() {
        if (S.length() < 4) throw new IllegalStateException("vector species too short: " + S.length());
    }

    /** As {@link FastMath#expRun}. y is Modified. */
    static void expRun(float[] x, int xo, float[] y, int yo, int n, boolean logistic) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            if (logistic) v = v.neg();
            FloatVector e = exp(v);
            if (logistic) e = FloatVector.broadcast(S, 1f).div(e.add(1f));
            e.intoArray(y, yo + i);
        }
        FastMath.expRun(x, xo + i, y, yo + i, n - i, logistic);
    }

    private static FloatVector exp(FloatVector x) {
        // t = 1.5 * 2^23 + k holds k in its low mantissa bits: read it back with an integer subtraction
        // (no float-to-int conversion, which JDK 17's Vector API does not compile to one instruction)
        FloatVector clamped = x.max(-160f).min(160f);
        FloatVector t = clamped.mul(FastMath.LOG2E).add(FastMath.ROUND);
        FloatVector k = x.mul(FastMath.LOG2E).add(FastMath.ROUND).sub(FastMath.ROUND);
        FloatVector r = x.sub(k.mul(FastMath.LN2_HI)).sub(k.mul(FastMath.LN2_LO));
        FloatVector p = FloatVector.broadcast(S, FastMath.P0);
        p = p.mul(r).add(FastMath.P1);
        p = p.mul(r).add(FastMath.P2);
        p = p.mul(r).add(FastMath.P3);
        p = p.mul(r).add(FastMath.P4);
        p = p.mul(r).add(FastMath.P5);
        FloatVector er = p.mul(r).mul(r).add(r).add(1f);
        // out-of-range lanes use the clamped t, so their exponent arithmetic stays defined (they are blended away)
        IntVector ki = t.reinterpretAsInts().sub(Float.floatToRawIntBits(FastMath.ROUND));
        IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1), k2 = ki.sub(k1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector res = er.mul(s1).mul(s2);
        VectorMask<Float> over = x.compare(VectorOperators.GT, FastMath.OVERFLOW);
        VectorMask<Float> under = x.compare(VectorOperators.LT, FastMath.UNDERFLOW);
        VectorMask<Float> nan = x.compare(VectorOperators.NE, x);
        res = res.blend(Float.POSITIVE_INFINITY, over).blend(0f, under);
        return res.blend(x, nan);
    }
}
