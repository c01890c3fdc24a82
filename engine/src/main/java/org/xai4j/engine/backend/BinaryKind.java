package org.xai4j.engine.backend;

/**
 * Elementwise functions of two broadcast operands z = f(a, b; p0, p1). The *_GRAD kinds are fused
 * backward rules taking (forward input or output, upstream gradient).
 */
public enum BinaryKind {
    ADD, SUB, MUL, DIV, POW, MAX, MIN,
    /** max(a + b, 0): an addition and the ReLU after it in one pass, for unrecorded inference. */
    ADD_RELU,
    /** 1 where a == b else 0. */
    EQ,
    /** 1 where a > b else 0. */
    GT,
    /** b where a > 0 else 0: ReLU's rule with ReLU'(0) = 0, as PyTorch. a = input. */
    RELU_GRAD,
    /** b where a > 0 else p0 * b. a = input. */
    LEAKY_RELU_GRAD,
    /** b where a > 0 else b * p0 * exp(a). a = input. */
    ELU_GRAD,
    /** b * a * (1 - a). a = output. */
    SIGMOID_GRAD,
    /** b * (1 - a^2). a = output. */
    TANH_GRAD,
    /** b where p0 <= a <= p1 else 0 (PyTorch's clamp rule). a = input. */
    CLIP_GRAD,
    /** b * sign(a). a = input. */
    ABS_GRAD
}
