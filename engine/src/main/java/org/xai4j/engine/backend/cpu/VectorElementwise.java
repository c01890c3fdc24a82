package org.xai4j.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
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
}
