package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.backend.UnaryKind;

/** Elementwise y = f(x) over contiguous runs; the switch sits outside the loops so each loop is tight. */
final class UnaryKernels {
    private static final int GRAIN = 1 << 15;

    /** exp / logistic over a run: the Vector API version when the JVM has the module, else the scalar loop (same bits). */
    @FunctionalInterface
    interface ExpRun {
        void run(float[] x, int xo, float[] y, int yo, int n, boolean logistic);
    }

    static final ExpRun EXP_RUN = chooseExp();
    /** Whether {@link VectorElementwise} may run (the Vector API module is there). */
    private static final boolean VECTOR = Gemm.vectorized();

    private UnaryKernels() {}

    private static ExpRun chooseExp() {
        ExpRun scalar = FastMath::expRun;
        if ("false".equalsIgnoreCase(System.getProperty("xai4j.vector", "true").trim())) return scalar;
        try {
            Class<?> cls = Class.forName("org.xai4j.engine.backend.cpu.VectorExp");
            cls.getDeclaredMethod("check").invoke(null);
            // reflection only proves that the class links; it is then called directly
            return VectorExpCall::expRun;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return scalar; // module not resolved, or too short a vector species
        }
    }

    /** Indirection so that UnaryKernels itself links without jdk.incubator.vector. */
    private static final class VectorExpCall {
        static void expRun(float[] x, int xo, float[] y, int yo, int n, boolean logistic) {
            VectorExp.expRun(x, xo, y, yo, n, logistic);
        }
    }

    /** out[o+i] = f(x[xo+i]) for i in [0, n). out is Modified. */
    static void apply(UnaryKind kind, float[] x, int xo, float[] out, int oo, int n, float p0, float p1) {
        Parallel.forRange(n, Parallel.grainFor(n, GRAIN), (s, e) -> run(kind, x, xo + s, out, oo + s, e - s, p0, p1));
    }

    private static void run(UnaryKind kind, float[] x, int xo, float[] y, int yo, int n, float p0, float p1) {
        switch (kind) {
            case NEG: for (int i = 0; i < n; i++) y[yo + i] = -x[xo + i]; break;
            case EXP: EXP_RUN.run(x, xo, y, yo, n, false); break;
            case LOG: for (int i = 0; i < n; i++) y[yo + i] = (float) Math.log(x[xo + i]); break;
            case SQRT: for (int i = 0; i < n; i++) y[yo + i] = (float) Math.sqrt(x[xo + i]); break;
            case ABS: for (int i = 0; i < n; i++) y[yo + i] = Math.abs(x[xo + i]); break;
            case RELU:
                // Math.max in a scalar loop ran at a fifth of the ReLU gradient's speed (ResNet-18 saliency)
                if (VECTOR) VectorElementwise.relu(x, xo, y, yo, n);
                else for (int i = 0; i < n; i++) y[yo + i] = Math.max(x[xo + i], 0f);
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    y[yo + i] = v > 0 ? v : p0 * v;
                }
                break;
            case ELU:
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    y[yo + i] = v > 0 ? v : (float) (p0 * Math.expm1(v));
                }
                break;
            case SIGMOID: EXP_RUN.run(x, xo, y, yo, n, true); break;
            case TANH: for (int i = 0; i < n; i++) y[yo + i] = (float) Math.tanh(x[xo + i]); break;
            case CLIP: for (int i = 0; i < n; i++) y[yo + i] = Math.min(Math.max(x[xo + i], p0), p1); break;
            case POW_SCALAR:
                if (p0 == 2f) {
                    for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] * x[xo + i];
                } else {
                    for (int i = 0; i < n; i++) y[yo + i] = (float) Math.pow(x[xo + i], p0);
                }
                break;
            case AFFINE: for (int i = 0; i < n; i++) y[yo + i] = p0 * x[xo + i] + p1; break;
            case SIGN: for (int i = 0; i < n; i++) y[yo + i] = Math.signum(x[xo + i]); break;
            case SQUARE: for (int i = 0; i < n; i++) y[yo + i] = x[xo + i] * x[xo + i]; break;
            case RECIPROCAL: for (int i = 0; i < n; i++) y[yo + i] = 1f / x[xo + i]; break;
            default: throw new UnsupportedOperationException("unary kernel " + kind + " is not implemented on the CPU");
        }
    }
}
