package org.xai4j.explain;

import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * An attribution method: for each row of a batch of inputs, how much each input element contributed
 * to the model's output for that row's target. Options (steps, baselines, batch size, seed...) are
 * fixed when the method object is built; {@link #attribute} is then a pure function of its arguments.
 */
public interface AttributionMethod {
    /** The method's name on the command line, e.g. {@code integrated-gradients}. */
    String name();

    /**
     * @param model   the model; its first input is explained, its first output is the score
     * @param inputs  a batch (N, ...); not modified
     * @param targets one output column per row ({@link Targets#resolve} gives the defaults)
     * @return attributions, shaped like inputs unless the method says otherwise (Grad-CAM: N,1,h,w)
     */
    Tensor attribute(Model model, Tensor inputs, int[] targets);
}
