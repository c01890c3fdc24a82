// Reductions over the last axis of a contiguous (rows, cols) matrix: the backend first copies x into
// (kept axes..., reduced axes...) order, so any set of axes is one of these. One block per row, a tree
// in shared memory (Harris, "Optimizing parallel reduction in CUDA", 2007, kernel 4), warp shuffles for
// the last 32 lanes.
#include "common.cuh"

#define R_SUM 0
#define R_MEAN 1
#define R_MAX 2
#define R_MIN 3
#define REDUCE_THREADS 256

__device__ __forceinline__ float combine(int kind, float a, float b) {
    if (kind == R_MAX || kind == R_MIN) {
        if (a != a || b != b) return __int_as_float(0x7fc00000); // NaN propagates, as Math.max
        return kind == R_MAX ? fmaxf(a, b) : fminf(a, b);
    }
    return a + b;
}

__device__ __forceinline__ float identity(int kind) {
    return kind == R_MAX ? -INFINITY : (kind == R_MIN ? INFINITY : 0.f);
}

// y[r] = reduce(x[r, 0..cols)), launched with REDUCE_THREADS threads and one block per row (grid-stride over rows).
extern "C" __global__ void reduce_rows_f32(int kind, int rows, int cols, const float* __restrict__ x,
                                           float* __restrict__ y) {
    __shared__ float part[REDUCE_THREADS / 32];
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* row = x + (long long) r * cols;
        float acc = identity(kind);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) acc = combine(kind, acc, row[c]);
        for (int off = 16; off > 0; off >>= 1) acc = combine(kind, acc, __shfl_down_sync(0xffffffffu, acc, off));
        if ((threadIdx.x & 31) == 0) part[threadIdx.x >> 5] = acc;
        __syncthreads();
        if (threadIdx.x < 32) {
            acc = threadIdx.x < (blockDim.x >> 5) ? part[threadIdx.x] : identity(kind);
            for (int off = 16; off > 0; off >>= 1) acc = combine(kind, acc, __shfl_down_sync(0xffffffffu, acc, off));
            if (threadIdx.x == 0) y[r] = kind == R_MEAN ? acc / (float) cols : acc;
        }
        __syncthreads();
    }
}
