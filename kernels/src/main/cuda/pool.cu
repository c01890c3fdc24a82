// 2-D max and average pooling over (planes, h, w) and their input gradients, with PyTorch's semantics
// as the CPU kernels (engine/backend/cpu/PoolingKernels): padding never wins a max, the argmax is the
// first maximum in scan order (a NaN wins), the average's divisor as PyTorch's avg_pool2d. Backward
// kernels run one thread per input element and gather from the windows that cover it: no atomics, so
// the result does not depend on scheduling.
#include "common.cuh"

// The fields of engine/backend/PoolSpec, in its record order.
struct Pool {
    int planes, h, w, kh, kw, sh, sw, padTop, padLeft, padBottom, padRight, dh, dw, oh, ow;
};

extern "C" __global__ void max_pool_f32(Pool s, const float* __restrict__ x, float* __restrict__ y,
                                        int* __restrict__ argmax) {
    long long n = (long long) s.planes * s.oh * s.ow;
    XAI_FOR(o, n) {
        int ox = (int) (o % s.ow);
        int oy = (int) ((o / s.ow) % s.oh);
        long long pl = o / ((long long) s.oh * s.ow);
        const float* plane = x + pl * s.h * s.w;
        float best = -INFINITY;
        int bestIdx = -1;
        for (int i = 0; i < s.kh; i++) {
            int iy = oy * s.sh - s.padTop + i * s.dh;
            if (iy < 0 || iy >= s.h) continue;
            for (int j = 0; j < s.kw; j++) {
                int ix = ox * s.sw - s.padLeft + j * s.dw;
                if (ix < 0 || ix >= s.w) continue;
                float v = plane[iy * s.w + ix];
                // scan order is increasing flat index, so the first maximum is kept on ties; the first NaN wins
                bool take = bestIdx < 0 || (best == best && (v != v || v > best));
                if (take) {
                    best = v;
                    bestIdx = iy * s.w + ix;
                }
            }
        }
        y[o] = best;
        if (argmax) argmax[o] = bestIdx;
    }
}

// dx[i] = sum of gy over the outputs whose argmax is input i (dx written in full).
extern "C" __global__ void max_pool_backward_f32(Pool s, const float* __restrict__ gy, const int* __restrict__ argmax,
                                                 float* __restrict__ dx) {
    long long n = (long long) s.planes * s.h * s.w;
    XAI_FOR(i, n) {
        int ix = (int) (i % s.w);
        int iy = (int) ((i / s.w) % s.h);
        long long pl = i / ((long long) s.h * s.w);
        int flat = iy * s.w + ix;
        float acc = 0.f;
        // outputs oy whose window rows include iy: oy*sh - padTop + a*dh = iy for some a in [0, kh)
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
                long long o = (pl * s.oh + oy) * s.ow + ox;
                if (argmax[o] == flat) acc += gy[o];
            }
        }
        dx[i] = acc;
    }
}

// PyTorch's clamped window and divisor of output (oy, ox) (PoolingKernels.window).
__device__ __forceinline__ void avg_window(const Pool& s, int oy, int ox, int cip, int* hs, int* he, int* ws, int* we,
                                           int* div) {
    int h0 = oy * s.sh - s.padTop, w0 = ox * s.sw - s.padLeft;
    int h1 = min(h0 + s.kh, s.h + s.padBottom), w1 = min(w0 + s.kw, s.w + s.padRight);
    int poolSize = (h1 - h0) * (w1 - w0);
    h0 = max(h0, 0);
    w0 = max(w0, 0);
    h1 = min(h1, s.h);
    w1 = min(w1, s.w);
    int d = cip ? poolSize : (h1 - h0) * (w1 - w0);
    *hs = h0; *he = h1; *ws = w0; *we = w1;
    *div = max(d, 1);
}

extern "C" __global__ void avg_pool_f32(Pool s, const float* __restrict__ x, float* __restrict__ y, int countIncludePad) {
    long long n = (long long) s.planes * s.oh * s.ow;
    XAI_FOR(o, n) {
        int ox = (int) (o % s.ow);
        int oy = (int) ((o / s.ow) % s.oh);
        long long pl = o / ((long long) s.oh * s.ow);
        const float* plane = x + pl * s.h * s.w;
        int hs, he, ws, we, div;
        avg_window(s, oy, ox, countIncludePad, &hs, &he, &ws, &we, &div);
        double sum = 0; // as the CPU kernel: a double sum, then one rounding
        for (int iy = hs; iy < he; iy++)
            for (int ix = ws; ix < we; ix++) sum += plane[iy * s.w + ix];
        y[o] = (float) (sum / div);
    }
}

// dx[i] = sum over the windows covering i of gy / divisor (average pooling has no dilation).
extern "C" __global__ void avg_pool_backward_f32(Pool s, const float* __restrict__ gy, float* __restrict__ dx,
                                                 int countIncludePad) {
    long long n = (long long) s.planes * s.h * s.w;
    XAI_FOR(i, n) {
        int ix = (int) (i % s.w);
        int iy = (int) ((i / s.w) % s.h);
        long long pl = i / ((long long) s.h * s.w);
        float acc = 0.f;
        for (int a = 0; a < s.kh; a++) {
            int ty = iy + s.padTop - a;
            if (ty < 0 || ty % s.sh != 0) continue;
            int oy = ty / s.sh;
            if (oy >= s.oh) continue;
            for (int b = 0; b < s.kw; b++) {
                int tx = ix + s.padLeft - b;
                if (tx < 0 || tx % s.sw != 0) continue;
                int ox = tx / s.sw;
                if (ox >= s.ow) continue;
                int hs, he, ws, we, div;
                avg_window(s, oy, ox, countIncludePad, &hs, &he, &ws, &we, &div);
                if (iy >= hs && iy < he && ix >= ws && ix < we) acc += gy[(pl * s.oh + oy) * s.ow + ox] / div;
            }
        }
        dx[i] = acc;
    }
}
