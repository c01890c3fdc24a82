package org.xai4j.engine.io.data;

/**
 * Bilinear resizing of one float plane as PyTorch's {@code F.interpolate(mode='bilinear',
 * align_corners=False)} (torchvision's {@code Resize} on a tensor with {@code antialias=False}): the
 * source coordinate of output pixel d is {@code (d + 0.5) * in / out - 0.5}, clamped at 0; the two
 * neighbours' weights are its fractional part and one minus it; the last pixel repeats at the edge.
 * Computed in float32 in ATen's order (each row's two taps weighted by the width weights, then the two
 * rows by the height weights). Against PyTorch 1.13's CPU kernel the values differ by at most 2 float32
 * ulps (2.4e-7 on [0, 1] pixels, measured on the fixtures of ImageReaderTest): its vectorized kernel
 * rounds in an order we could not reproduce exactly from outside.
 */
public final class BilinearResize {
    private BilinearResize() {}

    /**
     * Resizes {@code in} (h × w, row-major) to {@code outH × outW}.
     *
     * @param in  not modified
     * @return a new outH × outW plane
     */
    public static float[] resize(float[] in, int h, int w, int outH, int outW) {
        int[] h0 = new int[outH], h1 = new int[outH];
        float[] hw0 = new float[outH], hw1 = new float[outH];
        taps(h, outH, h0, h1, hw0, hw1);
        int[] w0 = new int[outW], w1 = new int[outW];
        float[] ww0 = new float[outW], ww1 = new float[outW];
        taps(w, outW, w0, w1, ww0, ww1);
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            int r0 = h0[y] * w, r1 = h1[y] * w;
            for (int x = 0; x < outW; x++) {
                float t0 = in[r0 + w0[x]] * ww0[x] + in[r0 + w1[x]] * ww1[x];
                float t1 = in[r1 + w0[x]] * ww0[x] + in[r1 + w1[x]] * ww1[x];
                out[y * outW + x] = t0 * hw0[y] + t1 * hw1[y];
            }
        }
        return out;
    }

    /** ATen's compute_indices_weights_linear for one axis (align_corners=False, no explicit scale). */
    private static void taps(int in, int out, int[] i0, int[] i1, float[] w0, float[] w1) {
        float scale = (float) in / out;
        for (int d = 0; d < out; d++) {
            // ATen's area_pixel_compute_source_index: the int index + 0.5 promotes to double, rounded to float on return
            float src = (float) (scale * (d + 0.5) - 0.5);
            if (src < 0) src = 0;
            int lo = (int) src;
            i0[d] = lo;
            i1[d] = lo < in - 1 ? lo + 1 : lo;
            float lambda1 = Math.min(Math.max(src - lo, 0f), 1f);
            w1[d] = lambda1;
            w0[d] = 1f - lambda1;
        }
    }
}
