package org.xai4j.engine.nn;

import java.util.List;
import java.util.Optional;
import org.xai4j.engine.tensor.Tensor;

/**
 * A differentiable function of named inputs whose every intermediate tensor can be read by name: what
 * the explanation methods work on. An imported ONNX graph and a {@code Sequential} built in Java both
 * are one.
 *
 * <p>With grad mode on ({@link org.xai4j.engine.autodiff.GradMode}) the values of {@link #run} are on
 * the tape, so {@code Gradients.grad(output, seed, input or any intermediate)} works on them; under
 * {@code GradMode.noGrad()} nothing is recorded.
 */
public interface Model {
    /** Names of the inputs the caller binds, in order (ONNX: graph inputs that are not initializers). */
    List<String> inputNames();

    /** Names of the outputs, in order. */
    List<String> outputNames();

    /**
     * Runs the model on the inputs, in the order of {@link #inputNames()}.
     *
     * @param inputs  not modified
     * @param options inference or MC dropout; see {@link RunOptions}
     * @return every named value of this run, inputs and outputs included
     */
    Activations run(List<Tensor> inputs, RunOptions options);

    /**
     * Whether passes of this model may run on several threads at once, so that a method can run small
     * batches side by side (one per worker thread) instead of splitting every op of one batch. False unless
     * a model says so: the explanation methods then never run its passes concurrently themselves.
     */
    default boolean concurrentPasses() {
        return false;
    }

    /**
     * The model's first layer, when it is affine in the model's only input and the input reaches the rest
     * of the model through it alone ({@link AffineInput}); empty when not, or when the model does not say.
     * A method may then run passes from that layer's value on ({@link ActivationOverride#replaceWith}).
     */
    default Optional<AffineInput> affineInput() {
        return Optional.empty();
    }

    /** The first output for a single input, in inference mode (dropout off). */
    default Tensor forward(Tensor input) {
        return run(List.of(input), RunOptions.INFERENCE).output(0);
    }
}
