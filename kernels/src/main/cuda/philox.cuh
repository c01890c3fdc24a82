// Philox4x32-10 and the Box-Muller normal of engine/random/PhiloxRandom, written so that the same text
// compiles for the device (nvcc) and for the host (a C compiler, in PhiloxHostTwinTest): every stream
// is bit-identical to the Java one. The normals need log, sin and cos of doubles: the JDK's StrictMath
// uses fdlibm 5.3, so these are fdlibm's e_log.c, k_sin.c, k_cos.c and the medium-size branch of
// e_rem_pio2.c (the angle 2 pi u lies in [0, 2 pi)), transcribed. They are bit-exact only without
// fused multiply-adds: the build compiles with --fmad=false (and the host twin with -ffp-contract=off).
#pragma once
#include <math.h>
#include <string.h>

#ifdef __CUDACC__
#define XAI_HD __host__ __device__ __forceinline__
#else
#define XAI_HD static inline
#endif

// ---- Philox4x32-10 (Salmon et al., SC'11; Random123 philox.h) ----------------------------------------

XAI_HD void philox_block(unsigned c[4], unsigned k0, unsigned k1) {
    for (int r = 0; r < 10; r++) {
        unsigned long long p0 = 0xD2511F53ull * c[0];
        unsigned long long p1 = 0xCD9E8D57ull * c[2];
        unsigned n0 = (unsigned) (p1 >> 32) ^ c[1] ^ k0;
        unsigned n1 = (unsigned) p1;
        unsigned n2 = (unsigned) (p0 >> 32) ^ c[3] ^ k1;
        unsigned n3 = (unsigned) p0;
        c[0] = n0; c[1] = n1; c[2] = n2; c[3] = n3;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
}

// The block of element 4 * blockIndex of a stream: counter (lo, hi)(blockIndex), (lo, hi)(stream), key seed.
XAI_HD void philox_block_at(unsigned long long seed, unsigned long long stream, unsigned long long blockIndex,
                            unsigned out[4]) {
    out[0] = (unsigned) blockIndex;
    out[1] = (unsigned) (blockIndex >> 32);
    out[2] = (unsigned) stream;
    out[3] = (unsigned) (stream >> 32);
    philox_block(out, (unsigned) seed, (unsigned) (seed >> 32));
}

// ---- fdlibm 5.3 (Sun Microsystems, 1993), as StrictMath -------------------------------------------------

XAI_HD int fd_hi(double x) { unsigned long long b; memcpy(&b, &x, 8); return (int) (b >> 32); }
XAI_HD unsigned fd_lo(double x) { unsigned long long b; memcpy(&b, &x, 8); return (unsigned) b; }
XAI_HD double fd_make(int hi, unsigned lo) {
    unsigned long long b = ((unsigned long long) (unsigned) hi << 32) | lo;
    double x;
    memcpy(&x, &b, 8);
    return x;
}

// e_log.c: log(x) = k ln2 + log(1 + f), log(1 + f) from s = f / (2 + f) and a minimax polynomial in s^2.
XAI_HD double fd_log(double x) {
    const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33, two54 = 0x1p54;
    const double Lg1 = 0x1.5555555555593p-1, Lg2 = 0x1.999999997fa04p-2, Lg3 = 0x1.2492494229359p-2,
                 Lg4 = 0x1.c71c51d8e78afp-3, Lg5 = 0x1.7466496cb03dep-3, Lg6 = 0x1.39a09d078c69fp-3,
                 Lg7 = 0x1.2f112df3e5244p-3;
    double hfsq, f, s, z, R, w, t1, t2, dk;
    int k, hx, i, j;
    unsigned lx;
    hx = fd_hi(x);
    lx = fd_lo(x);
    k = 0;
    if (hx < 0x00100000) {                       // x < 2^-1022
        if (((hx & 0x7fffffff) | lx) == 0) return fd_make((int) 0xfff00000, 0); // log(+-0) = -inf
        if (hx < 0) return fd_make(0x7ff80000, 0);                      // log(-x) = NaN
        k -= 54;
        x *= two54;
        hx = fd_hi(x);
    }
    if (hx >= 0x7ff00000) return x + x;
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    i = (hx + 0x95f64) & 0x100000;
    x = fd_make(hx | (i ^ 0x3ff00000), fd_lo(x)); // normalize x or x/2
    k += (i >> 20);
    f = x - 1.0;
    if ((0x000fffff & (2 + hx)) < 3) {           // |f| < 2^-20
        if (f == 0.0) {
            if (k == 0) return 0.0;
            dk = (double) k;
            return dk * ln2_hi + dk * ln2_lo;
        }
        R = f * f * (0.5 - 0.33333333333333333 * f);
        if (k == 0) return f - R;
        dk = (double) k;
        return dk * ln2_hi - ((R - dk * ln2_lo) - f);
    }
    s = f / (2.0 + f);
    dk = (double) k;
    z = s * s;
    i = hx - 0x6147a;
    w = z * z;
    j = 0x6b851 - hx;
    t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    i |= j;
    R = t2 + t1;
    if (i > 0) {
        hfsq = 0.5 * f * f;
        if (k == 0) return f - (hfsq - s * (hfsq + R));
        return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
    }
    if (k == 0) return f - s * (f - R);
    return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

// k_sin.c: sin(x + y) on [-pi/4, pi/4], y the tail of x; iy = 0 when y is zero.
XAI_HD double fd_kernel_sin(double x, double y, int iy) {
    const double S1 = -0x1.5555555555549p-3, S2 = 0x1.111111110f8a6p-7, S3 = -0x1.a01a019c161d5p-13,
                 S4 = 0x1.71de357b1fe7dp-19, S5 = -0x1.ae5e68a2b9cebp-26, S6 = 0x1.5d93a5acfd57cp-33;
    int ix = fd_hi(x) & 0x7fffffff;
    if (ix < 0x3e400000) {
        if ((int) x == 0) return x;
    }
    double z = x * x;
    double v = z * x;
    double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    if (iy == 0) return x + v * (S1 + z * r);
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

// k_cos.c: cos(x + y) on [-pi/4, pi/4].
XAI_HD double fd_kernel_cos(double x, double y) {
    const double C1 = 0x1.555555555554cp-5, C2 = -0x1.6c16c16c15177p-10, C3 = 0x1.a01a019cb1590p-16,
                 C4 = -0x1.27e4f809c52adp-22, C5 = 0x1.1ee9ebdb4b1c4p-29, C6 = -0x1.8fae9be8838d4p-37;
    int ix = fd_hi(x) & 0x7fffffff;
    if (ix < 0x3e400000) {
        if ((int) x == 0) return 1.0;
    }
    double z = x * x;
    double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    if (ix < 0x3FD33333) return 1.0 - (0.5 * z - (z * r - x * y));
    double qx = ix > 0x3fe90000 ? 0.28125 : fd_make(ix - 0x00200000, 0);
    double hz = 0.5 * z - qx;
    double a = 1.0 - qx;
    return a - (hz - (z * r - x * y));
}

// e_rem_pio2.c for 0 <= x <= 2^19 pi/2: x = n pi/2 + (y0 + y1), returns n.
XAI_HD int fd_rem_pio2(double x, double y[2]) {
    const double invpio2 = 0x1.45f306dc9c883p-1, pio2_1 = 0x1.921fb54400000p+0, pio2_1t = 0x1.0b4611a626331p-34,
                 pio2_2 = 0x1.0b4611a600000p-34, pio2_2t = 0x1.3198a2e037073p-69, pio2_3 = 0x1.3198a2e000000p-69,
                 pio2_3t = 0x1.b839a252049c1p-104;
    // high words of n pi/2 for n = 1..32 (npio2_hw)
    const int npio2_hw[32] = {
        0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB,
        0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB,
        0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
        0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB};
    double z, w, t, r, fn;
    int i, j, n, ix, hx;
    hx = fd_hi(x);
    ix = hx & 0x7fffffff;
    if (ix <= 0x3fe921fb) { y[0] = x; y[1] = 0; return 0; }
    if (ix < 0x4002d97c) {                       // |x| < 3pi/4 (x is positive here)
        z = x - pio2_1;
        if (ix != 0x3ff921fb) {
            y[0] = z - pio2_1t;
            y[1] = (z - y[0]) - pio2_1t;
        } else {
            z -= pio2_2;
            y[0] = z - pio2_2t;
            y[1] = (z - y[0]) - pio2_2t;
        }
        return 1;
    }
    t = x < 0 ? -x : x;
    n = (int) (t * invpio2 + 0.5);
    fn = (double) n;
    r = t - fn * pio2_1;
    w = fn * pio2_1t;
    if (n < 32 && ix != npio2_hw[n - 1]) {
        y[0] = r - w;
    } else {
        j = ix >> 20;
        y[0] = r - w;
        i = j - ((fd_hi(y[0]) >> 20) & 0x7ff);
        if (i > 16) {
            t = r;
            w = fn * pio2_2;
            r = t - w;
            w = fn * pio2_2t - ((t - r) - w);
            y[0] = r - w;
            i = j - ((fd_hi(y[0]) >> 20) & 0x7ff);
            if (i > 49) {
                t = r;
                w = fn * pio2_3;
                r = t - w;
                w = fn * pio2_3t - ((t - r) - w);
                y[0] = r - w;
            }
        }
    }
    y[1] = (r - y[0]) - w;
    return n;
}

// s_cos.c and s_sin.c for 0 <= x < 2 pi.
XAI_HD double fd_cos(double x) {
    double y[2];
    if ((fd_hi(x) & 0x7fffffff) <= 0x3fe921fb) return fd_kernel_cos(x, 0.0);
    int n = fd_rem_pio2(x, y);
    switch (n & 3) {
        case 0: return fd_kernel_cos(y[0], y[1]);
        case 1: return -fd_kernel_sin(y[0], y[1], 1);
        case 2: return -fd_kernel_cos(y[0], y[1]);
        default: return fd_kernel_sin(y[0], y[1], 1);
    }
}

XAI_HD double fd_sin(double x) {
    double y[2];
    if ((fd_hi(x) & 0x7fffffff) <= 0x3fe921fb) return fd_kernel_sin(x, 0.0, 0);
    int n = fd_rem_pio2(x, y);
    switch (n & 3) {
        case 0: return fd_kernel_sin(y[0], y[1], 1);
        case 1: return fd_kernel_cos(y[0], y[1]);
        case 2: return -fd_kernel_sin(y[0], y[1], 1);
        default: return -fd_kernel_cos(y[0], y[1]);
    }
}

// ---- the values of PhiloxRandom ------------------------------------------------------------------------

// uniform(seed, stream, i) = (word >>> 8) * 2^-24.
XAI_HD float philox_to_uniform(unsigned word) {
    return (float) (word >> 8) * 0x1p-24f;
}

// normal(seed, stream, i): Box-Muller on the word pair (w[k & ~1], w[(k & ~1) + 1]) of element i's block.
XAI_HD float philox_to_normal(const unsigned w[4], int k) {
    int pair = k & ~1;
    double u1 = ((double) (w[pair] >> 8) + 0.5) * 0x1p-24;
    double radius = sqrt(-2.0 * fd_log(u1));
    double angle = (2.0 * 3.141592653589793) * ((double) (w[pair + 1] >> 8) * 0x1p-24);
    return (float) (radius * ((k & 1) == 0 ? fd_cos(angle) : fd_sin(angle)));
}
