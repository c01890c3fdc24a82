package org.xai4j.api;

import java.util.Map;
import java.util.Set;
import org.xai4j.explain.registry.MethodExtra;

/**
 * One method's attributions for a batch: their shape (like the input's, or like a layer's for the layer
 * and CAM methods, see {@link MethodExtra#LAYER_MAP}), the float32 values, the targets explained, and what
 * the method returns beside them (the convergence delta of integrated gradients, DeepLIFT and the layer
 * path methods). The same numbers {@code xai explain} writes for the same model, rows and options.
 */
public final class Attribution {
    private final String method;
    private final int[] shape;
    private final float[] data;
    private final int[] targets;
    private final Map<MethodExtra, float[]> extras;

    Attribution(String method, int[] shape, float[] data, int[] targets, Map<MethodExtra, float[]> extras) {
        this.method = method;
        this.shape = shape;
        this.data = data;
        this.targets = targets;
        this.extras = Map.copyOf(extras);
    }

    /** {@return the method's registry name, e.g. {@code integrated-gradients}} */
    public String method() {
        return method;
    }

    /** {@return the attributions' shape, (N, ...)} */
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the attributions in row-major order (a copy)} */
    public float[] data() {
        return data.clone();
    }

    /** {@return the output column explained for each row} */
    public int[] targets() {
        return targets.clone();
    }

    /** {@return the extras this result holds (those of its method's registry entry that carry numbers)} */
    public Set<MethodExtra> extras() {
        return extras.keySet();
    }

    /**
     * An extra's values, one per row: for {@link MethodExtra#CONVERGENCE_DELTA}, Σ attr − (f_t(x) − f_t(baseline)).
     *
     * @param extra which one
     * @return its values, one per row (a copy)
     * @throws IllegalArgumentException when the method does not return it (see {@link #extras()})
     */
    public float[] extra(MethodExtra extra) {
        float[] v = extras.get(extra);
        if (v == null) throw new IllegalArgumentException(method + " returns no " + extra + "; it returns " + extras.keySet());
        return v.clone();
    }

    /** {@return each row's convergence delta (Captum's {@code return_convergence_delta=True}); null when the method has none} */
    public float[] convergenceDelta() {
        float[] v = extras.get(MethodExtra.CONVERGENCE_DELTA);
        return v == null ? null : v.clone();
    }
}
