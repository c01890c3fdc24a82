package org.xai4j.engine.nn;

/**
 * A model's first layer when it is affine in the model's only input: z = A x + c, with A and c fixed (a
 * Conv, a Gemm or a MatMul whose weights are constants), z a function of each row of x alone, and x read
 * by nothing else. Integrated gradients then integrates in z's space and takes the summed gradient back
 * through A once per row, instead of running the layer forwards and backwards at every step.
 *
 * @param value the name of z among the model's values ({@link Activations})
 * @param terms products summed for each value of z (a Conv's C/groups · kh · kw, a Gemm's K): the work a
 *              pass skips per value of z, against the passes over z that integrating there adds
 */
public record AffineInput(String value, int terms) {
    public AffineInput {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("AffineInput: value must be named");
        if (terms < 1) throw new IllegalArgumentException("AffineInput: terms must be >= 1, got " + terms);
    }
}
