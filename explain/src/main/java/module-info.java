/**
 * xai4j's explanation methods (Captum's catalogue, Shapley values, LIME, uncertainty, input optimization,
 * pictures) and {@code org.xai4j.api}, the API for embedding them. EJML's dense float64 solvers (no module
 * descriptor of their own: the automatic modules {@code ejml.core} and {@code ejml.ddense}) are the
 * least-squares fallback.
 */
module org.xai4j.explain {
    requires transitive org.xai4j.engine;
    requires static jdk.incubator.vector;
    requires java.desktop; // javax.imageio: PNG pictures
    requires ejml.core;
    requires ejml.ddense;

    exports org.xai4j.api;
    exports org.xai4j.explain;
    exports org.xai4j.explain.calibration;
    exports org.xai4j.explain.dataset;
    exports org.xai4j.explain.gradient;
    exports org.xai4j.explain.lime;
    exports org.xai4j.explain.linalg;
    exports org.xai4j.explain.optimize;
    exports org.xai4j.explain.perturbation;
    exports org.xai4j.explain.registry;
    exports org.xai4j.explain.render;
    exports org.xai4j.explain.shapley;
    exports org.xai4j.explain.uncertainty;
}
