package org.xai4j.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise loops that C2 does not vectorize by itself (a select on a comparison), on the Vector
 * API. Called only when {@link Gemm#vectorized()} says the module is there; same results as the scalar
 * loops in {@link BinaryKernels}.
 */
final class VectorElementwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorElementwise() {}

    /** Floats per vector of the preferred species (8 with AVX2, 16 with AVX-512). */
    static int lanes() {
        return S.length();
    }

    /** z[zo+i] = a[ao+i] &gt; 0 ? b[bo+i] : 0, the ReLU backward rule (NaN in a gives 0). z is Modified. */
    static void reluGrad(float[] a, int ao, float[] b, int bo, float[] z, int zo, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector av = FloatVector.fromArray(S, a, ao + i);
            zero.blend(FloatVector.fromArray(S, b, bo + i), av.compare(VectorOperators.GT, 0f)).intoArray(z, zo + i);
        }
        for (; i < n; i++) z[zo + i] = a[ao + i] > 0f ? b[bo + i] : 0f;
    }

    /** y[yo+i] = Math.max(x[xo+i], 0) (ReLU; NaN stays NaN, -0 becomes 0). y is Modified. */
    static void relu(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).lanewise(VectorOperators.MAX, 0f).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] = Math.max(x[xo + i], 0f);
    }

    /**
     * y[yo+i] = Math.max(x[xo+i] + bias, 0): a bias and the ReLU after it, as the convolutions write their
     * outputs (C2 does not vectorize Math.max in a plain loop). y is Modified.
     */
    static void biasRelu(float[] x, int xo, float bias, float[] y, int yo, int n) {
        int i = 0;
        FloatVector b = FloatVector.broadcast(S, bias);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).add(b).lanewise(VectorOperators.MAX, 0f).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] = Math.max(x[xo + i] + bias, 0f);
    }

    /** y[yo+i] = x[xo+i] + bias. y is Modified. */
    static void biasAdd(float[] x, int xo, float bias, float[] y, int yo, int n) {
        int i = 0;
        FloatVector b = FloatVector.broadcast(S, bias);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).add(b).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] = x[xo + i] + bias;
    }

    /** z[zo+i] = Math.max(a[ao+i] + b[bo+i], 0). z is Modified. */
    static void addRelu(float[] a, int ao, float[] b, int bo, float[] z, int zo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).lanewise(VectorOperators.MAX, 0f)
                    .intoArray(z, zo + i);
        }
        for (; i < n; i++) z[zo + i] = Math.max(a[ao + i] + b[bo + i], 0f);
    }

    /** z[zo+i] = Math.max(z[zo+i], x[xo+i]) (NaN propagates, as Math.max). z is Modified. */
    static void maxInto(float[] x, int xo, float[] z, int zo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, z, zo + i).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, xo + i)).intoArray(z, zo + i);
        }
        for (; i < n; i++) z[zo + i] = Math.max(z[zo + i], x[xo + i]);
    }

    /**
     * Folds one row into running column maxima, keeping where each came from: where x[xo+i] is larger
     * than z[i], or is the first NaN, z[i] = x[xo+i] and zRow[i] = row. Ties keep the earlier row.
     * z and zRow are Modified.
     */
    static void maxIntoTracking(float[] x, int xo, float[] z, float[] zRow, float row, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i), cur = FloatVector.fromArray(S, z, i);
            VectorMask<Float> take = v.compare(VectorOperators.GT, cur)
                    .or(v.compare(VectorOperators.NE, v).and(cur.compare(VectorOperators.EQ, cur)));
            cur.blend(v, take).intoArray(z, i);
            FloatVector.fromArray(S, zRow, i).blend(row, take).intoArray(zRow, i);
        }
        for (; i < n; i++) {
            float v = x[xo + i], cur = z[i];
            if (v > cur || (v != v && cur == cur)) {
                z[i] = v;
                zRow[i] = row;
            }
        }
    }
}
