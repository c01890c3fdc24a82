package org.xai4j.explain.registry;

/** What a method can return beside its attributions. */
public enum MethodExtra {
    /**
     * Σ attr − (f_t(x) − f_t(baseline)) per row (Captum's {@code return_convergence_delta=True}); the method
     * implements {@link org.xai4j.explain.gradient.ConvergenceDeltaMethod}.
     */
    CONVERGENCE_DELTA,
    /** Attributions shaped like a layer's activation, (N, 1, h[, w]) for the CAM maps, not like the input. */
    LAYER_MAP
}
