// Philox4x32-10 streams on the device, element for element the values of engine/random/PhiloxRandom
// (uniforms, Box-Muller normals, dropout masks): a result computed on the GPU reproduces on the CPU.
// One thread per element; the four words of a block are recomputed by each of its four threads, which
// costs nothing next to the memory write it feeds.
#include "common.cuh"
#include "philox.cuh"

extern "C" __global__ void philox_uniform_f32(unsigned long long seed, unsigned long long stream,
                                              unsigned long long start, long long n, float* __restrict__ out) {
    XAI_FOR(j, n) {
        unsigned long long index = start + j;
        unsigned w[4];
        philox_block_at(seed, stream, index >> 2, w);
        out[j] = philox_to_uniform(w[index & 3]);
    }
}

extern "C" __global__ void philox_normal_f32(unsigned long long seed, unsigned long long stream,
                                             unsigned long long start, long long n, float* __restrict__ out) {
    XAI_FOR(j, n) {
        unsigned long long index = start + j;
        unsigned w[4];
        philox_block_at(seed, stream, index >> 2, w);
        out[j] = philox_to_normal(w, (int) (index & 3));
    }
}

// mask[j] = scale if the top 24 bits of word(start + j) < threshold, else 0; threshold = ceil(keepProb 2^24)
// computed on the host exactly as PhiloxRandom.bernoulliMask.
extern "C" __global__ void philox_bernoulli_f32(unsigned long long seed, unsigned long long stream,
                                                unsigned long long start, long long n, int threshold, float scale,
                                                float* __restrict__ mask) {
    XAI_FOR(j, n) {
        unsigned long long index = start + j;
        unsigned w[4];
        philox_block_at(seed, stream, index >> 2, w);
        mask[j] = (int) (w[index & 3] >> 8) < threshold ? scale : 0.f;
    }
}
