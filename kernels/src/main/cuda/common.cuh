// Shared declarations of the xai4j CUDA kernels. Every kernel is extern "C" so that the driver API finds
// it by its plain name (cuModuleGetFunction), and takes its geometry as plain ints or small structs
// passed by value, so a launch needs no metadata upload.
#pragma once

#define XAI_MAX_RANK 8

// An N-d iteration space with the element strides of up to two operands (0 on broadcast axes). Passed
// by value: the host side packs it as 1 + 3 * XAI_MAX_RANK ints (CudaLaunch.strided).
struct Strided {
    int rank;
    int dims[XAI_MAX_RANK];
    int sa[XAI_MAX_RANK];
    int sb[XAI_MAX_RANK];
};

// The offsets in a and b of row-major element i of the iteration space.
__device__ __forceinline__ void strided_offsets(const Strided& s, long long i, long long* oa, long long* ob) {
    long long a = 0, b = 0;
    for (int d = s.rank - 1; d >= 0; d--) {
        long long q = i / s.dims[d];
        int r = (int) (i - q * s.dims[d]);
        a += (long long) r * s.sa[d];
        b += (long long) r * s.sb[d];
        i = q;
    }
    *oa = a;
    *ob = b;
}

// Grid-stride loop over [0, n): launches size their grid to the device, not to n.
#define XAI_FOR(i, n) for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < (n); \
                           i += (long long) blockDim.x * gridDim.x)
