package org.xai4j.explain.registry;

/** Captum's grouping of attribution methods, with the CAM and Shapley groups that xai4j's README lists apart. */
public enum MethodFamily {
    GRADIENT("gradient"),
    NOISE_TUNNEL("noise tunnel"),
    CAM("class activation map"),
    PERTURBATION("perturbation"),
    SHAPLEY("Shapley"),
    LAYER("layer"),
    NEURON("neuron");

    private final String text;

    MethodFamily(String text) {
        this.text = text;
    }

    /** How the README names the family. */
    public String text() {
        return text;
    }
}
