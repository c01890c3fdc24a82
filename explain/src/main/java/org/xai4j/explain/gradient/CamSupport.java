package org.xai4j.explain.gradient;

import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/** Shared by the CAM methods: resizing a (N, 1, h[, w]) map to the input's spatial size. */
final class CamSupport {
    private CamSupport() {}

    static Tensor upsample(Tensor cam, Tensor inputs, Upsampling mode) {
        if (mode == Upsampling.NONE) return cam;
        int[] in = inputs.shape();
        if (cam.dim() != in.length || cam.dim() < 3) {
            throw new ShapeException("cannot upsample a map of shape " + Shape.str(cam.shape()) + " to inputs of shape "
                    + Shape.str(in) + ": the layer and the input need the same number of spatial axes");
        }
        return mode.apply(cam, java.util.Arrays.copyOfRange(in, 2, in.length));
    }
}
