package org.xai4j.explain.gradient;

import java.util.Locale;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/**
 * Resizing a layer attribution (N, C, h[, w]) to the input's spatial size, as PyTorch's
 * {@code F.interpolate} (what Captum's {@code LayerAttribution.interpolate} calls): NEAREST takes source
 * index min(floor(i · in/out), in − 1); LINEAR is (bi)linear with align_corners=False, source
 * (i + 0.5) · in/out − 0.5 clamped at 0.
 */
public enum Upsampling {
    NONE, NEAREST, LINEAR;

    /** none, nearest, linear (bilinear is accepted for linear). */
    public static Upsampling parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("bilinear")) return LINEAR;
        for (Upsampling u : values()) {
            if (u.name().toLowerCase(Locale.ROOT).equals(n)) return u;
        }
        throw new IllegalArgumentException("unknown upsampling '" + name + "'; use none, nearest or linear");
    }

    /** attr (N, C, spatial...) resized to {@code size} (one entry per spatial axis); NONE returns attr. */
    public Tensor apply(Tensor attr, int[] size) {
        if (this == NONE) return attr;
        int r = attr.dim() - 2;
        if (r < 1 || r > 2 || size.length != r) {
            throw new ShapeException("upsampling: cannot resize " + Shape.str(attr.shape()) + " to spatial size " + Shape.str(size));
        }
        Tensor out = attr.contiguous();
        for (int axis = 0; axis < r; axis++) out = resizeAxis(out, 2 + axis, size[axis]);
        return out;
    }

    private Tensor resizeAxis(Tensor x, int axis, int outSize) {
        int[] shape = x.shape();
        int in = shape[axis];
        if (in == outSize) return x;
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        shape[axis] = outSize;
        float[] src = x.toArray(), dst = new float[outer * outSize * inner];
        float scale = (float) in / outSize;
        for (int o = 0; o < outSize; o++) {
            int i0, i1;
            float l1;
            if (this == NEAREST) {
                i0 = Math.min((int) Math.floor(o * scale), in - 1);
                i1 = i0;
                l1 = 0f;
            } else {
                float s = Math.max(0f, scale * (o + 0.5f) - 0.5f);
                i0 = (int) s;
                i1 = i0 < in - 1 ? i0 + 1 : i0;
                l1 = s - i0;
            }
            float l0 = 1f - l1;
            for (int a = 0; a < outer; a++) {
                for (int b = 0; b < inner; b++) {
                    float v0 = src[(a * in + i0) * inner + b], v1 = src[(a * in + i1) * inner + b];
                    dst[(a * outSize + o) * inner + b] = this == NEAREST ? v0 : l0 * v0 + l1 * v1;
                }
            }
        }
        return Tensor.of(dst, shape);
    }
}
