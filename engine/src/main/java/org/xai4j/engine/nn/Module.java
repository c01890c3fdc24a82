package org.xai4j.engine.nn;

import java.util.List;
import org.xai4j.engine.tensor.Tensor;

/** A layer: a differentiable function of one tensor with named parameters (PyTorch's nn.Module, reduced). */
public interface Module {
    /** y = layer(x); with grad mode on, recorded on the tape. Dropout reads {@code options}. */
    Tensor forward(Tensor x, RunOptions options);

    /** Trainable parameters, named relative to this module ("weight", "bias"). */
    default List<Parameter> parameters() {
        return List.of();
    }
}
