package org.xai4j.cli;

/**
 * The range of every numeric option, checked before anything is allocated or run: a value outside it
 * is a usage error naming the option, its range and the value. The limits are far above any useful
 * setting and low enough that the work they ask for ends (the probe in issue 18 found
 * {@code --samples 2000000000} running for hours and {@code --steps 2000000000} running out of memory).
 */
final class OptionLimits {
    /** Most samples, passes, repeats or rows per batch: 10^7 forward passes is hours of work already. */
    static final int MAX_COUNT = 10_000_000;
    /** Most worker threads: more than any machine's cores, and each thread holds a stack and a work buffer. */
    static final int MAX_THREADS = 1024;
    /**
     * Most integration steps: Gauss-Legendre with 10^4 nodes is exact to float32 for any smooth path
     * (50 already is, for the models tested), and its nodes cost O(steps^2) to compute.
     */
    static final int MAX_STEPS = 10_000;
    /** Most grid points per feature for pdp (a 2-feature grid runs grid^2 forward passes per row). */
    static final int MAX_GRID = 100_000;

    private OptionLimits() {}

    /** {@code value} unless it is outside [min, max]; null (not given) passes through. */
    static Integer range(String option, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new Main.UsageError(option + " must be " + between(min, max) + ", got " + value);
        }
        return value;
    }

    /** {@link #range} for a count: from 1 to {@link #MAX_COUNT}. */
    static Integer count(String option, Integer value) {
        return range(option, value, 1, MAX_COUNT);
    }

    /** A finite number at least {@code min}; null (not given) passes through. */
    static Float atLeast(String option, Float value, float min) {
        if (value != null && !(value >= min && Float.isFinite(value))) {
            throw new Main.UsageError(option + " must be a finite number >= " + min + ", got " + value);
        }
        return value;
    }

    private static String between(int min, int max) {
        return max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
    }
}
