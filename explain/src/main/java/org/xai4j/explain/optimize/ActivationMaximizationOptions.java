package org.xai4j.explain.optimize;

/**
 * How {@link ActivationMaximization} ascends.
 *
 * @param target    the output value to raise (flat index into one row's output)
 * @param lr        step size
 * @param steps     gradient steps
 * @param l2        λ of the decay term −λ‖x‖²
 * @param min       lower end of the box (−∞ for none)
 * @param max       upper end of the box (+∞ for none)
 * @param jitter    the gradient of each step is taken at the input rolled by a random shift of up to this
 *                  many positions along each of the last two axes (the last one for rank-3 inputs), and
 *                  rolled back (Mordvintsev et al. 2015's jitter; 0: none)
 * @param blurEvery every this many steps the input is smoothed with the binomial kernel [1, 2, 1]/4 along
 *                  the same axes (Yosinski et al. 2015's blur regularization; 0: never)
 * @param seed      Philox key of the jitter shifts
 */
public record ActivationMaximizationOptions(int target, float lr, int steps, float l2, float min, float max, int jitter,
                                            int blurEvery, long seed) {
    public ActivationMaximizationOptions {
        if (target < 0) throw new IllegalArgumentException("the target must be >= 0, got " + target);
        if (!(lr > 0)) throw new IllegalArgumentException("the learning rate must be > 0, got " + lr);
        if (!(l2 >= 0)) throw new IllegalArgumentException("the L2 weight must be >= 0, got " + l2);
        if (!(min <= max)) throw new IllegalArgumentException("the box [" + min + ", " + max + "] is empty");
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        if (jitter < 0) throw new IllegalArgumentException("jitter must be >= 0, got " + jitter);
        if (blurEvery < 0) throw new IllegalArgumentException("blurEvery must be >= 0, got " + blurEvery);
    }

    /** Plain gradient ascent with L2 decay and a box, no jitter or blur. */
    public static ActivationMaximizationOptions of(int target, float lr, int steps, float l2, float min, float max) {
        return new ActivationMaximizationOptions(target, lr, steps, l2, min, max, 0, 0, 0L);
    }
}
