// Elementwise kernels: the unary and binary functions of UnaryKind/BinaryKind (the ordinals are the
// enums' order in engine/backend; CudaBackendTest checks the counts), the strided copy every view
// needs, and in-place accumulation. Float math matches the CPU kernels' formulas; transcendental
// functions are CUDA's (within 2 ulp), so twins compare with a tolerance.
#include "common.cuh"

// UnaryKind ordinals
#define U_NEG 0
#define U_EXP 1
#define U_LOG 2
#define U_SQRT 3
#define U_ABS 4
#define U_RELU 5
#define U_LEAKY_RELU 6
#define U_ELU 7
#define U_SIGMOID 8
#define U_TANH 9
#define U_CLIP 10
#define U_POW_SCALAR 11
#define U_AFFINE 12
#define U_SIGN 13
#define U_SQUARE 14
#define U_RECIPROCAL 15

// BinaryKind ordinals
#define B_ADD 0
#define B_SUB 1
#define B_MUL 2
#define B_DIV 3
#define B_POW 4
#define B_MAX 5
#define B_MIN 6
#define B_ADD_RELU 7
#define B_EQ 8
#define B_GT 9
#define B_RELU_GRAD 10
#define B_LEAKY_RELU_GRAD 11
#define B_ELU_GRAD 12
#define B_SIGMOID_GRAD 13
#define B_TANH_GRAD 14
#define B_CLIP_GRAD 15
#define B_ABS_GRAD 16

__device__ __forceinline__ float sign_of(float v) {
    return v > 0.f ? 1.f : (v < 0.f ? -1.f : v); // sign(0) = 0 and sign(NaN) = NaN, as Math.signum
}

// Java's Math.max/min: NaN if either is NaN (fmaxf would return the other operand).
__device__ __forceinline__ float java_max(float a, float b) {
    return (a != a || b != b) ? __int_as_float(0x7fc00000) : fmaxf(a, b);
}

__device__ __forceinline__ float java_min(float a, float b) {
    return (a != a || b != b) ? __int_as_float(0x7fc00000) : fminf(a, b);
}

__device__ __forceinline__ float unary_op(int kind, float v, float p0, float p1) {
    switch (kind) {
        case U_NEG: return -v;
        case U_EXP: return expf(v);
        case U_LOG: return logf(v);
        case U_SQRT: return sqrtf(v);
        case U_ABS: return fabsf(v);
        case U_RELU: return java_max(v, 0.f);
        case U_LEAKY_RELU: return v > 0.f ? v : p0 * v;
        case U_ELU: return v > 0.f ? v : p0 * expm1f(v);
        case U_SIGMOID: return 1.f / (1.f + expf(-v));
        case U_TANH: return tanhf(v);
        case U_CLIP: return java_min(java_max(v, p0), p1);
        case U_POW_SCALAR: return p0 == 2.f ? v * v : powf(v, p0);
        case U_AFFINE: return p0 * v + p1;
        case U_SIGN: return sign_of(v);
        case U_SQUARE: return v * v;
        case U_RECIPROCAL: return 1.f / v;
        default: return __int_as_float(0x7fc00000);
    }
}

__device__ __forceinline__ float binary_op(int kind, float a, float b, float p0, float p1) {
    switch (kind) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_POW: return powf(a, b);
        case B_MAX: return java_max(a, b);
        case B_MIN: return java_min(a, b);
        case B_ADD_RELU: return java_max(a + b, 0.f);
        case B_EQ: return a == b ? 1.f : 0.f;
        case B_GT: return a > b ? 1.f : 0.f;
        case B_RELU_GRAD: return a > 0.f ? b : 0.f;
        case B_LEAKY_RELU_GRAD: return a > 0.f ? b : p0 * b;
        case B_ELU_GRAD: return a > 0.f ? b : b * p0 * expf(a);
        case B_SIGMOID_GRAD: return b * a * (1.f - a);
        case B_TANH_GRAD: return b * (1.f - a * a);
        case B_CLIP_GRAD: return (a >= p0 && a <= p1) ? b : 0.f;
        case B_ABS_GRAD: return sign_of(a) * b;
        default: return __int_as_float(0x7fc00000);
    }
}

// y[i] = f(x[i]) over contiguous x and y.
extern "C" __global__ void unary_f32(int kind, long long n, const float* __restrict__ x, float* __restrict__ y,
                                     float p0, float p1) {
    XAI_FOR(i, n) y[i] = unary_op(kind, x[i], p0, p1);
}

// z[i] = f(a[oa(i)], b[ob(i)]) for row-major i over s.dims, z contiguous; a and b broadcast through 0 strides.
extern "C" __global__ void binary_f32(int kind, long long n, Strided s, const float* __restrict__ a,
                                      const float* __restrict__ b, float* __restrict__ z, float p0, float p1) {
    XAI_FOR(i, n) {
        long long oa, ob;
        strided_offsets(s, i, &oa, &ob);
        z[i] = binary_op(kind, a[oa], b[ob], p0, p1);
    }
}

// y[i] = x[oa(i)]: a contiguous copy of any strided view (s.sa = x's strides).
extern "C" __global__ void copy_strided_f32(long long n, Strided s, const float* __restrict__ x, float* __restrict__ y) {
    XAI_FOR(i, n) {
        long long oa, ob;
        strided_offsets(s, i, &oa, &ob);
        y[i] = x[oa];
    }
}

// acc[i] += g[i] (acc Modified).
extern "C" __global__ void add_inplace_f32(long long n, float* __restrict__ acc, const float* __restrict__ g) {
    XAI_FOR(i, n) acc[i] += g[i];
}

// y[i] = v.
extern "C" __global__ void fill_f32(long long n, float v, float* __restrict__ y) {
    XAI_FOR(i, n) y[i] = v;
}

// y[r * cols + c] += bias[(r / rowsPerBias) % biasLen]: adds a per-channel bias to (N, F, P) outputs.
extern "C" __global__ void add_channel_bias_f32(long long n, int p, int f, const float* __restrict__ bias,
                                                float* __restrict__ y, int relu) {
    XAI_FOR(i, n) {
        float v = y[i] + bias[(i / p) % f];
        y[i] = relu ? java_max(v, 0.f) : v;
    }
}
