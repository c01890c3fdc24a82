package org.xai4j.engine.backend;

/** Elementwise functions y = f(x; p0, p1) a backend evaluates in one pass. */
public enum UnaryKind {
    NEG, EXP, LOG, SQRT, ABS, RELU,
    /** x if x > 0 else p0 * x. */
    LEAKY_RELU,
    /** x if x > 0 else p0 * (exp(x) - 1). */
    ELU,
    SIGMOID, TANH,
    /** min(max(x, p0), p1). */
    CLIP,
    /** x ^ p0. */
    POW_SCALAR,
    /** p0 * x + p1. */
    AFFINE,
    /** -1, 0 or 1 (sign(0) = 0, as PyTorch). */
    SIGN,
    SQUARE, RECIPROCAL
}
