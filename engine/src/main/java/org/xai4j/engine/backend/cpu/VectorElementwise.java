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

    /** out[oo+i] = from[fo+i] + a · delta[dOff+i] (a product, then a sum: the scalar loop's bits). out is Modified. */
    static void interpolate(float[] from, int fo, float[] delta, int dOff, float a, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, from, fo + i).add(FloatVector.fromArray(S, delta, dOff + i).mul(a)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = from[fo + i] + a * delta[dOff + i];
    }

    /** m[i] = Math.max(m[i], m[i + shift]) for i in [0, n), in ascending order (so in place: m[i + shift] is read first). */
    static void maxShifted(float[] m, int shift, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, m, i).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, m, i + shift)).intoArray(m, i);
        }
        for (; i < n; i++) m[i] = Math.max(m[i], m[i + shift]);
    }

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

    /**
     * z[zo+i] = a[ao+i] &gt; 0 ? g : 0: the ReLU backward rule for a gradient that is one value along the row
     * (a global average pool's gradient, broadcast over the plane). z is Modified.
     */
    static void reluGrad(float[] a, int ao, float g, float[] z, int zo, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S), gv = FloatVector.broadcast(S, g);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            zero.blend(gv, FloatVector.fromArray(S, a, ao + i).compare(VectorOperators.GT, 0f)).intoArray(z, zo + i);
        }
        for (; i < n; i++) z[zo + i] = a[ao + i] > 0f ? g : 0f;
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

    /** 0, 1, 2, ... as floats, one per lane. */
    private static final float[] IOTA = iota();

    private static float[] iota() {
        float[] v = new float[S.length()];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return v;
    }

    /**
     * 2 x 2, stride-2 max pooling of rows r0 and r0 + w of x into out[o + ox ..], with each maximum's offset
     * in its plane (rel + row * w + column, rel being row r0's) in argmax: the rule of PoolingKernels'
     * scalar loop (the first maximum in row-major order; the first NaN wins), taken pairwise, first across
     * each row (a, b and c, d) and then down, which picks the same element. Outputs ox .. as far as whole
     * vectors go without reading past the end of x; returns the first output not written.
     *
     * @param tmpV scratch of at least lanes() floats (likewise tmpI)
     */
    static int maxPool2x2Tracking(float[] x, int r0, int w, int ox, int ow, float[] out, int o, int[] argmax, int rel,
                                  float[] tmpV, float[] tmpI) {
        int half = S.length() / 2;
        FloatVector lane = FloatVector.fromArray(S, IOTA, 0), zero = FloatVector.zero(S);
        for (; ox + half <= ow && r0 + w + 2 * ox + S.length() + 1 <= x.length; ox += half) {
            int c = 2 * ox;
            // lane 2j holds window j's a (row 0) with b beside it in the vector loaded one column on
            FloatVector a = FloatVector.fromArray(S, x, r0 + c), b = FloatVector.fromArray(S, x, r0 + c + 1);
            FloatVector cc = FloatVector.fromArray(S, x, r0 + w + c), d = FloatVector.fromArray(S, x, r0 + w + c + 1);
            VectorMask<Float> tb = takes(b, a), td = takes(d, cc);
            FloatVector top = a.blend(b, tb), bottom = cc.blend(d, td);
            VectorMask<Float> tv = takes(bottom, top);
            top.blend(bottom, tv).intoArray(tmpV, 0);
            FloatVector colTop = zero.blend(1f, tb), colBottom = zero.blend(1f, td).add(w);
            colTop.blend(colBottom, tv).add(lane).add(rel + c).intoArray(tmpI, 0);
            for (int j = 0; j < half; j++) {
                out[o + ox + j] = tmpV[2 * j];
                argmax[o + ox + j] = (int) tmpI[2 * j];
            }
        }
        return ox;
    }

    /**
     * {@link #maxPool2x2Tracking} without the argmax: out[o + ox ..] = the max (Math.max's, NaN winning) of
     * each 2 x 2 window of rows r0 and r0 + w. Returns the first output not written.
     *
     * @param tmpV scratch of at least lanes() floats
     */
    static int maxPool2x2(float[] x, int r0, int w, int ox, int ow, float[] out, int o, float[] tmpV) {
        int half = S.length() / 2;
        for (; ox + half <= ow && r0 + w + 2 * ox + S.length() + 1 <= x.length; ox += half) {
            int c = 2 * ox;
            FloatVector top = FloatVector.fromArray(S, x, r0 + c).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, r0 + c + 1));
            FloatVector bottom = FloatVector.fromArray(S, x, r0 + w + c).lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, r0 + w + c + 1));
            top.lanewise(VectorOperators.MAX, bottom).intoArray(tmpV, 0);
            for (int j = 0; j < half; j++) out[o + ox + j] = tmpV[2 * j];
        }
        return ox;
    }

    /** Where v takes over from cur: v &gt; cur, or v is NaN and cur is not. */
    private static VectorMask<Float> takes(FloatVector v, FloatVector cur) {
        return v.compare(VectorOperators.GT, cur).or(v.compare(VectorOperators.NE, v).and(cur.compare(VectorOperators.EQ, cur)));
    }
}
