// torch.gather along one axis and its adjoint. s.dims is the index's shape, s.sa the contiguous strides
// of x; the index array is uploaded as int32 (already range-checked and made non-negative on the host).
#include "common.cuh"

__device__ __forceinline__ long long gather_source(const Strided& s, int axis, long long p, int k) {
    long long src = 0;
    for (int d = s.rank - 1; d >= 0; d--) {
        long long q = p / s.dims[d];
        int r = (int) (p - q * s.dims[d]);
        src += (long long) (d == axis ? k : r) * s.sa[d];
        p = q;
    }
    return src;
}

extern "C" __global__ void gather_f32(long long n, Strided s, int axis, const int* __restrict__ index,
                                      const float* __restrict__ x, float* __restrict__ out) {
    XAI_FOR(p, n) out[p] = x[gather_source(s, axis, p, index[p])];
}

// dx (zeroed by the caller) += g scattered to the gathered positions; atomics, since indices may repeat
// (so sums of repeated indices may round in any order).
extern "C" __global__ void gather_backward_f32(long long n, Strided s, int axis, const int* __restrict__ index,
                                               const float* __restrict__ g, float* __restrict__ dx) {
    XAI_FOR(p, n) atomicAdd(dx + gather_source(s, axis, p, index[p]), g[p]);
}
