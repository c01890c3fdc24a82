// Softmax and log-softmax along one axis of a contiguous tensor seen as (outer, len, inner), and their
// input gradients. One thread per (outer, inner) line, three passes over the line: the maximum (for
// stability), the sum of exp(x - max), the outputs. Lines are independent, so inner > 1 reads coalesce.
#include "common.cuh"

extern "C" __global__ void softmax_f32(int outer, int len, int inner, const float* __restrict__ x,
                                       float* __restrict__ y, int log_) {
    long long lines = (long long) outer * inner;
    XAI_FOR(t, lines) {
        long long o = t / inner, in = t - o * inner;
        const float* xl = x + o * len * inner + in;
        float* yl = y + o * len * inner + in;
        float m = -INFINITY;
        for (int k = 0; k < len; k++) m = fmaxf(m, xl[(long long) k * inner]);
        float s = 0.f;
        for (int k = 0; k < len; k++) s += expf(xl[(long long) k * inner] - m);
        if (log_) {
            float ls = logf(s);
            for (int k = 0; k < len; k++) yl[(long long) k * inner] = xl[(long long) k * inner] - m - ls;
        } else {
            float inv = 1.f / s;
            for (int k = 0; k < len; k++) yl[(long long) k * inner] = expf(xl[(long long) k * inner] - m) * inv;
        }
    }
}

// softmax: dx = y * (g - sum(g * y)); log-softmax: dx = g - exp(y) * sum(g).
extern "C" __global__ void softmax_backward_f32(int outer, int len, int inner, const float* __restrict__ y,
                                                const float* __restrict__ g, float* __restrict__ dx, int log_) {
    long long lines = (long long) outer * inner;
    XAI_FOR(t, lines) {
        long long o = t / inner, in = t - o * inner;
        long long base = o * len * inner + in;
        float s = 0.f;
        for (int k = 0; k < len; k++) {
            long long q = base + (long long) k * inner;
            s += log_ ? g[q] : g[q] * y[q];
        }
        for (int k = 0; k < len; k++) {
            long long q = base + (long long) k * inner;
            dx[q] = log_ ? g[q] - expf(y[q]) * s : y[q] * (g[q] - s);
        }
    }
}
