package org.xai4j.engine.backend.cpu;

/**
 * The two loops the path methods run over every value of every point: a point on the straight path
 * (from + α · delta) and a weighted gradient added to a row's double sum. C2 did not vectorize the first
 * (0.3-0.5 ns a value on one AVX2 thread, 0.08 ns in vectors; the same bits: a product, then a sum, each
 * rounded as the scalar loop does). The second stays a plain loop: in vectors of doubles (two per float
 * vector, by convertShape) it took 0.15 instead of 0.38 ns a value alone, but twice the samples of the plain
 * loop inside integrated gradients (JFR, the image CNN, one AVX2 thread).
 */
public final class RowArithmetic {
    private static final boolean VECTOR = Gemm.vectorized();

    private RowArithmetic() {}

    /** out[oo+i] = from[fo+i] + a · delta[dOff+i] for i in [0, n). out is Modified. */
    public static void interpolate(float[] from, int fo, float[] delta, int dOff, float a, float[] out, int oo, int n) {
        if (VECTOR) {
            VectorElementwise.interpolate(from, fo, delta, dOff, a, out, oo, n);
        } else {
            for (int i = 0; i < n; i++) out[oo + i] = from[fo + i] + a * delta[dOff + i];
        }
    }

    /** acc[ao+i] += w · g[go+i] (in double) for i in [0, n). acc is Modified. */
    public static void addScaled(double[] acc, int ao, double w, float[] g, int go, int n) {
        for (int i = 0; i < n; i++) acc[ao + i] += w * g[go + i];
    }
}
