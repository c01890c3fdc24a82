package org.xai4j.explain.gradient;

import java.util.Collection;
import java.util.Map;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;

/**
 * Which activation the CAM methods explain: a name ({@code --layer NAME}) or {@code auto}, the last
 * feature map of rank 4 (N, C, H, W) or 3 (N, C, L) whose spatial size exceeds 1, i.e. the last
 * convolutional map before global pooling (a pooled (N, C, 1, 1) map is skipped). Model inputs are never
 * chosen.
 */
public final class LayerSelection {
    /** The name that asks for automatic selection. */
    public static final String AUTO = "auto";

    private LayerSelection() {}

    /** The last rank-3/4 activation with spatial size > 1, not a model input; a clear error if none. */
    public static String auto(Activations activations, Collection<String> inputNames) {
        String found = null;
        for (Map.Entry<String, Tensor> e : activations.all().entrySet()) {
            Tensor t = e.getValue();
            if (inputNames.contains(e.getKey()) || (t.dim() != 3 && t.dim() != 4)) continue;
            if (t.numel() / (t.size(0) * t.size(1)) > 1) found = e.getKey();
        }
        if (found == null) {
            throw new IllegalArgumentException("--layer auto: no activation of shape (N, C, L) or (N, C, H, W) with spatial size > 1"
                    + " (a convolutional feature map); name a layer with --layer; known: " + String.join(", ", activations.all().keySet()));
        }
        return found;
    }

    /** {@code layer} itself, or the automatic choice when it is null or "auto" (runs the model on one row). */
    public static String resolve(String layer, Model model, Tensor inputs) {
        if (layer != null && !layer.equals(AUTO)) return layer;
        Activations acts;
        try (var s = org.xai4j.engine.autodiff.GradMode.noGrad()) {
            acts = GradientSupport.run(model, GradientSupport.rows(inputs, 0, GradientSupport.probeRows(inputs)));
        }
        return auto(acts, model.inputNames());
    }
}
