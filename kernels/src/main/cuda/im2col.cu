// Convolution as im2col + GEMM on the device (Chellapilla et al., "High performance convolutional neural
// networks for document processing", 2006; Caffe's im2col_gpu). For one sample and one group, im2col
// writes the (cg*kh*kw, oh*ow) matrix whose GEMM with the group's (fg, cg*kh*kw) weights is the output;
// col2im is its adjoint, gathering per input pixel (deterministic, no atomics).
#include "common.cuh"

// The fields of engine/backend/ConvSpec, in its record order.
struct Conv {
    int n, c, f, groups, h, w, kh, kw, sh, sw, padTop, padLeft, padBottom, padRight, dh, dw, oh, ow;
};

// col[(ci*kh + a)*kw + b, oy*ow + ox] = x[ci, oy*sh - padTop + a*dh, ox*sw - padLeft + b*dw] (0 in the padding);
// x points at the group's first channel of one sample.
extern "C" __global__ void im2col_f32(Conv s, int cg, const float* __restrict__ x, float* __restrict__ col) {
    int p = s.oh * s.ow;
    long long n = (long long) cg * s.kh * s.kw * p;
    XAI_FOR(i, n) {
        int q = (int) (i % p);
        long long row = i / p;
        int b = (int) (row % s.kw);
        int a = (int) ((row / s.kw) % s.kh);
        int ci = (int) (row / ((long long) s.kw * s.kh));
        int oy = q / s.ow, ox = q - oy * s.ow;
        int iy = oy * s.sh - s.padTop + a * s.dh, ix = ox * s.sw - s.padLeft + b * s.dw;
        col[i] = (iy >= 0 && iy < s.h && ix >= 0 && ix < s.w) ? x[((long long) ci * s.h + iy) * s.w + ix] : 0.f;
    }
}

// dx[ci, iy, ix] (written in full) = sum of col over the (a, b, oy, ox) that im2col read it from.
extern "C" __global__ void col2im_f32(Conv s, int cg, const float* __restrict__ col, float* __restrict__ dx) {
    int p = s.oh * s.ow;
    long long n = (long long) cg * s.h * s.w;
    XAI_FOR(i, n) {
        int ix = (int) (i % s.w);
        int iy = (int) ((i / s.w) % s.h);
        int ci = (int) (i / ((long long) s.w * s.h));
        float acc = 0.f;
        for (int a = 0; a < s.kh; a++) {
            int ty = iy + s.padTop - a * s.dh;
            if (ty < 0 || ty % s.sh != 0) continue;
            int oy = ty / s.sh;
            if (oy >= s.oh) continue;
            for (int b = 0; b < s.kw; b++) {
                int tx = ix + s.padLeft - b * s.dw;
                if (tx < 0 || tx % s.sw != 0) continue;
                int ox = tx / s.sw;
                if (ox >= s.ow) continue;
                acc += col[((long long) (ci * s.kh + a) * s.kw + b) * p + oy * s.ow + ox];
            }
        }
        dx[i] = acc;
    }
}
