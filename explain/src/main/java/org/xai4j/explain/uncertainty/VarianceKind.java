package org.xai4j.explain.uncertainty;

/** What a model's variance head outputs; each becomes a variance σ² (Kendall and Gal 2017 train log σ²). */
public enum VarianceKind {
    /** log σ² (the usual head: unconstrained, exp keeps it positive). */
    LOGVAR,
    /** σ² itself. */
    VAR,
    /** σ. */
    STD;

    /** σ² from the head's value v; NaN for a negative σ² or σ (the caller reports it). */
    public double toVariance(double v) {
        return switch (this) {
            case LOGVAR -> Math.exp(v);
            case VAR -> v >= 0 ? v : Double.NaN;
            case STD -> v >= 0 ? v * v : Double.NaN;
        };
    }
}
