/* The device's Philox code (src/main/cuda/philox.cuh) compiled for the host, for PhiloxHostTwinTest:
 * writes n float32 values of one stream to stdout, little-endian.
 * usage: philox_twin uniform|normal|bernoulli SEED STREAM START N [THRESHOLD SCALE] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "philox.cuh"

int main(int argc, char** argv) {
    if (argc < 6) { fprintf(stderr, "usage: philox_twin uniform|normal|bernoulli SEED STREAM START N [THRESHOLD SCALE]\n"); return 2; }
    unsigned long long seed = strtoull(argv[2], 0, 10), stream = strtoull(argv[3], 0, 10);
    unsigned long long start = strtoull(argv[4], 0, 10);
    long long n = strtoll(argv[5], 0, 10);
    int threshold = argc > 6 ? atoi(argv[6]) : 0;
    float scale = argc > 7 ? strtof(argv[7], 0) : 0.f;
    for (long long j = 0; j < n; j++) {
        unsigned long long index = start + j;
        unsigned w[4];
        philox_block_at(seed, stream, index >> 2, w);
        float v;
        if (!strcmp(argv[1], "uniform")) v = philox_to_uniform(w[index & 3]);
        else if (!strcmp(argv[1], "normal")) v = philox_to_normal(w, (int) (index & 3));
        else v = (int) (w[index & 3] >> 8) < threshold ? scale : 0.f;
        fwrite(&v, 4, 1, stdout);
    }
    return 0;
}
