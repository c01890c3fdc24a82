package org.xai4j.engine.io.onnx.importer;

import java.util.Arrays;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.ops.PadOp;
import org.xai4j.engine.tensor.Tensor;

/**
 * 3-D convolution and pooling over (N, C, D, H, W), composed from the engine's 2-D ops along the depth
 * axis, so they are differentiable with no kernel of their own: output depth slice z of a convolution
 * is the sum over kernel depth i of conv2d(x[:, :, z*sd + i*dd], w[:, :, i]); of a max pool, the
 * elementwise max of the 2-D pools of the slices in its depth window; of an average pool, the sum of
 * the 2-D averages divided by the window's depth count (the 2-D part already divides by its own count,
 * which is the same for every slice). Slower than a fused kernel; written for completeness (ONNX's
 * conformance cases, small volumetric models).
 */
final class VolumetricOps {
    private VolumetricOps() {}

    /** y = conv3d(x, w) + b with per-axis strides, dilations, pads {d, h, w} and groups. */
    static Tensor conv(Tensor x, Tensor w, Tensor b, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, int groups) {
        int d = x.shape()[2], kd = w.shape()[2];
        Tensor xp = padDepth(x, padsBegin[0], padsEnd[0]);
        int dp = d + padsBegin[0] + padsEnd[0];
        int od = (dp - dilations[0] * (kd - 1) - 1) / strides[0] + 1;
        if (od < 1) throw new IllegalArgumentException("3-D Conv: kernel depth " + kd + " exceeds padded depth " + dp);
        int[] s2 = tail(strides), pb2 = tail(padsBegin), pe2 = tail(padsEnd), d2 = tail(dilations);
        Tensor[] kernels = new Tensor[kd];
        for (int i = 0; i < kd; i++) kernels[i] = depthSlice(w, i);
        Tensor[] out = new Tensor[od];
        for (int z = 0; z < od; z++) {
            Tensor sum = null;
            for (int i = 0; i < kd; i++) {
                Tensor slice = depthSlice(xp, z * strides[0] + i * dilations[0]);
                Tensor y = Ops.conv(slice, kernels[i], i == 0 ? b : null, s2, pb2, pe2, d2, groups);
                sum = sum == null ? y : Ops.add(sum, y);
            }
            out[z] = Ops.unsqueeze(sum, 2);
        }
        return od == 1 ? out[0] : Ops.concat(2, out);
    }

    /** 3-D max pooling; padding never wins (out-of-range depth slices are skipped). */
    static Tensor maxPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations, boolean ceil) {
        int d = x.shape()[2];
        int od = outSize(d, kernel[0], strides[0], padsBegin[0], padsEnd[0], dilations[0], ceil);
        Tensor[] out = new Tensor[od];
        for (int z = 0; z < od; z++) {
            Tensor best = null;
            for (int i = 0; i < kernel[0]; i++) {
                int iz = z * strides[0] - padsBegin[0] + i * dilations[0];
                if (iz < 0 || iz >= d) continue;
                Tensor p = Ops.maxPool(depthSlice(x, iz), tail(kernel), tail(strides), tail(padsBegin), tail(padsEnd),
                        tail(dilations), ceil);
                best = best == null ? p : Ops.max(Ops.concat(0, Ops.unsqueeze(best, 0), Ops.unsqueeze(p, 0)), false, 0);
            }
            out[z] = Ops.unsqueeze(best, 2);
        }
        return od == 1 ? out[0] : Ops.concat(2, out);
    }

    /** 3-D average pooling with ONNX/PyTorch's count_include_pad and ceil-mode window clipping. */
    static Tensor avgPool(Tensor x, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, boolean ceil, boolean countPad) {
        int d = x.shape()[2];
        int od = outSize(d, kernel[0], strides[0], padsBegin[0], padsEnd[0], 1, ceil);
        Tensor[] out = new Tensor[od];
        for (int z = 0; z < od; z++) {
            int start = z * strides[0] - padsBegin[0];
            int end = Math.min(start + kernel[0], d + padsEnd[0]);
            int count = countPad ? end - start : Math.min(end, d) - Math.max(start, 0);
            Tensor sum = null;
            for (int iz = Math.max(start, 0); iz < Math.min(end, d); iz++) {
                Tensor p = Ops.avgPool(depthSlice(x, iz), tail(kernel), tail(strides), tail(padsBegin), tail(padsEnd), ceil, countPad);
                sum = sum == null ? p : Ops.add(sum, p);
            }
            out[z] = Ops.unsqueeze(Ops.scale(sum, 1f / count), 2);
        }
        return od == 1 ? out[0] : Ops.concat(2, out);
    }

    /** Output size along one axis, floor or ceil mode; a ceil-mode window must start inside input or left pad. */
    private static int outSize(int in, int k, int s, int pb, int pe, int dil, boolean ceil) {
        int span = in + pb + pe - dil * (k - 1) - 1;
        int o = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (o - 1) * s >= in + pb) o--;
        return o;
    }

    private static Tensor padDepth(Tensor x, int before, int after) {
        if (before == 0 && after == 0) return x;
        int[] b = new int[x.dim()], e = new int[x.dim()];
        b[2] = before;
        e[2] = after;
        return Ops.pad(x, b, e, PadOp.Mode.CONSTANT, 0f);
    }

    /** x[:, :, i] as (N, C, H, W). */
    private static Tensor depthSlice(Tensor x, int i) {
        return Ops.squeeze(Ops.contiguous(Ops.slice(x, 2, i, i + 1, 1)), 2);
    }

    private static int[] tail(int[] a) {
        return Arrays.copyOfRange(a, 1, a.length);
    }
}
