// Our own single-precision GEMM, used when cuBLAS is not loadable (JCublas 12.6 needs libcublas.so.12).
// Row-major C = alpha * op(A) op(B) + beta * C, batched over blockIdx.z with element strides per matrix
// (0 broadcasts a matrix over the batch). Shared-memory tiling with register blocking (Volkov and Demmel,
// "Benchmarking GPUs to tune dense linear algebra", SC'08; the block and thread levels of CUTLASS's
// hierarchy): a block of 256 threads computes a 128x128 tile of C, stepping through K in slices of 8;
// each thread keeps an 8x8 block of C in registers, rows ty + 16 i and columns tx + 16 j, so that a
// warp's shared-memory reads of A broadcast and its reads of B fall in 32 distinct banks, and its stores
// of C are coalesced. 64 FMAs per 16 shared loads. Edges are guarded (zeros loaded), so any M, N, K.
#include "common.cuh"

#define TILE_M 128
#define TILE_N 128
#define TILE_K 8
#define THREADS 256
#define MICRO 8

extern "C" __global__ void __launch_bounds__(THREADS)
sgemm_f32(int transA, int transB, int M, int N, int K, float alpha,
          const float* __restrict__ A, int lda, long long strideA,
          const float* __restrict__ B, int ldb, long long strideB,
          float beta, float* __restrict__ C, int ldc, long long strideC) {
    __shared__ float As[TILE_K][TILE_M];
    __shared__ float Bs[TILE_K][TILE_N];
    A += blockIdx.z * strideA;
    B += blockIdx.z * strideB;
    C += blockIdx.z * strideC;
    const int m0 = blockIdx.y * TILE_M, n0 = blockIdx.x * TILE_N;
    const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
    float acc[MICRO][MICRO];
    #pragma unroll
    for (int i = 0; i < MICRO; i++)
        #pragma unroll
        for (int j = 0; j < MICRO; j++) acc[i][j] = 0.f;

    for (int k0 = 0; k0 < K; k0 += TILE_K) {
        #pragma unroll
        for (int l = 0; l < (TILE_M * TILE_K) / THREADS; l++) {
            int idx = threadIdx.x + THREADS * l;
            int mm, kk;
            if (transA) { kk = idx / TILE_M; mm = idx % TILE_M; }  // A is (K, M): consecutive threads read along m
            else { mm = idx / TILE_K; kk = idx % TILE_K; }        // A is (M, K): along k
            int m = m0 + mm, k = k0 + kk;
            float v = 0.f;
            if (m < M && k < K) v = transA ? A[(long long) k * lda + m] : A[(long long) m * lda + k];
            As[kk][mm] = v;
        }
        #pragma unroll
        for (int l = 0; l < (TILE_N * TILE_K) / THREADS; l++) {
            int idx = threadIdx.x + THREADS * l;
            int nn, kk;
            if (transB) { nn = idx / TILE_K; kk = idx % TILE_K; }  // B is (N, K): along k
            else { kk = idx / TILE_N; nn = idx % TILE_N; }        // B is (K, N): along n
            int n = n0 + nn, k = k0 + kk;
            float v = 0.f;
            if (n < N && k < K) v = transB ? B[(long long) n * ldb + k] : B[(long long) k * ldb + n];
            Bs[kk][nn] = v;
        }
        __syncthreads();
        #pragma unroll
        for (int kk = 0; kk < TILE_K; kk++) {
            float a[MICRO], b[MICRO];
            #pragma unroll
            for (int i = 0; i < MICRO; i++) a[i] = As[kk][ty + 16 * i];
            #pragma unroll
            for (int j = 0; j < MICRO; j++) b[j] = Bs[kk][tx + 16 * j];
            #pragma unroll
            for (int i = 0; i < MICRO; i++)
                #pragma unroll
                for (int j = 0; j < MICRO; j++) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        __syncthreads();
    }
    #pragma unroll
    for (int i = 0; i < MICRO; i++) {
        int m = m0 + ty + 16 * i;
        if (m >= M) continue;
        #pragma unroll
        for (int j = 0; j < MICRO; j++) {
            int n = n0 + tx + 16 * j;
            if (n >= N) continue;
            float* c = C + (long long) m * ldc + n;
            *c = beta == 0.f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *c;
        }
    }
}
