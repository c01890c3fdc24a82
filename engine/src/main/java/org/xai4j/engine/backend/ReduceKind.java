package org.xai4j.engine.backend;

/** Reductions over a set of axes. */
public enum ReduceKind {
    SUM, MEAN, MAX, MIN
}
